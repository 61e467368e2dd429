package io.acdest.domain.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One outbound request made while delivering a job: which endpoint (a name, not a URL with secrets), the HTTP
 * status if one came back, how long it took, and for a failure its class and a short text. Never headers, keys or
 * bodies.
 */
public record Attempt(
    JobId job,
    String endpoint,
    Optional<Integer> httpStatus,
    Duration latency,
    Optional<String> errorClass,
    Optional<String> errorText,
    Instant attemptedAt) {

  /** Longest error text kept; the CRM's messages are short, and an HTML page is not worth keeping. */
  public static final int MAX_ERROR_TEXT = 500;

  public Attempt {
    if (job == null || endpoint == null || endpoint.isBlank() || latency == null || attemptedAt == null) {
      throw new IllegalArgumentException("an attempt needs its job, endpoint, latency and time");
    }
    errorText = errorText.map(text -> text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "…");
  }
}
