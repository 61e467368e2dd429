package io.acdest.domain.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One outbound request made while delivering a job: which endpoint (a name, not a URL with secrets), the HTTP
 * status if one came back, how long it took, for a failure its class and a short text, and the request line when
 * known (method and path, e.g. {@code POST /api/3/contact/sync}: no host, query, headers or body).
 */
public record Attempt(
    JobId job,
    String endpoint,
    Optional<Integer> httpStatus,
    Duration latency,
    Optional<String> errorClass,
    Optional<String> errorText,
    Instant attemptedAt,
    Optional<String> request) {

  /** Longest error text kept; the CRM's messages are short, and an HTML page is not worth keeping. */
  public static final int MAX_ERROR_TEXT = 500;

  public Attempt {
    if (job == null
        || endpoint == null
        || endpoint.isBlank()
        || latency == null
        || attemptedAt == null) {
      throw new IllegalArgumentException("an attempt needs its job, endpoint, latency and time");
    }
    errorText =
        errorText.map(
            text ->
                text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "…");
    request = request == null ? Optional.empty() : request;
  }

  /** An attempt whose request line is not known. */
  public Attempt(
      JobId job,
      String endpoint,
      Optional<Integer> httpStatus,
      Duration latency,
      Optional<String> errorClass,
      Optional<String> errorText,
      Instant attemptedAt) {
    this(job, endpoint, httpStatus, latency, errorClass, errorText, attemptedAt, Optional.empty());
  }
}
