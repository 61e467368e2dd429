package io.acdest.domain.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Outgoing port: the request budget of a CRM account, shared by every worker of every instance, so that
 * together they stay under the account's rate (§4), and pause together when the CRM says Retry-After.
 */
public interface RateLimiter {

  /**
   * Reserves the right to send one request to the account and says how long to wait before sending it (zero:
   * send now). A reservation is never given back: the caller waits, then sends.
   */
  Duration reserve(String account);

  /**
   * The same, for a budget with its own spacing ({@code interval} between requests, no burst), such as a CRM's
   * separate limit on one kind of request. The budget is shared like the account's.
   */
  Duration reserve(String budget, Duration interval);

  /** No request to the account before {@code until}; a pause is only ever extended, never shortened. */
  void pauseUntil(String account, Instant until);

  /** When the account's current pause ends, if it is paused. */
  Optional<Instant> pausedUntil(String account);
}
