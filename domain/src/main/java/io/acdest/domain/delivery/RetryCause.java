package io.acdest.domain.delivery;

/** Why a delivery is tried again later; decides whether the try counts against the message's attempts. */
public enum RetryCause {
  /** A failure that may pass (timeout, connection error, 5xx, 408, 423): uses one attempt. */
  TRANSIENT(true),
  /** The CRM asked us to slow down (429, or 503 with Retry-After): uses no attempt. */
  THROTTLED(false),
  /** The CRM account is paused by a configuration error (bad API key, …): uses no attempt. */
  PAUSED(false);

  private final boolean usesAttempt;

  RetryCause(boolean usesAttempt) {
    this.usesAttempt = usesAttempt;
  }

  /** True when a retry for this cause counts as a failed attempt. */
  public boolean usesAttempt() {
    return usesAttempt;
  }
}
