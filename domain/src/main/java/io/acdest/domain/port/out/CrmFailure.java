package io.acdest.domain.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * A CRM request that did not succeed, classified so the core knows whether and when to try again
 * (docs/behaviour.md §4).
 */
public final class CrmFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The classes of failure. */
  public enum Kind {
    /** May pass: timeout, connection error, 408, 423, 5xx except 501. Retried with backoff. */
    TRANSIENT,
    /** The CRM asked to slow down (429, 503 with Retry-After). Retried after {@link #retryAfter()}. */
    THROTTLED,
    /** Will never succeed as sent (an invalid email, …). The message is dead at once. */
    PERMANENT,
    /** The account is misconfigured (bad API key, tracking disabled, …). Deliveries pause; nothing is dead-lettered. */
    CONFIGURATION,
    /**
     * The contact the request named no longer exists in the CRM (someone deleted it there). The core forgets the
     * contact's id and finds or creates the contact again by email; left unhandled it is retried like
     * {@link #TRANSIENT}.
     */
    CONTACT_GONE
  }

  private final Kind kind;
  private final transient Optional<Duration> retryAfter;

  public CrmFailure(Kind kind, String message) {
    this(kind, message, Optional.empty());
  }

  public CrmFailure(Kind kind, String message, Optional<Duration> retryAfter) {
    super(message);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** How long the CRM asked us to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
