package io.acdest.domain.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One request a CRM adapter made and what became of it, before it is filed for the jobs it was made for: the
 * endpoint's name, the request line (method and path: no host, query, headers or body), the status if one came
 * back, how long it took, and for a failure its class ({@code client_error}, {@code refused}, {@code connection},
 * …) and the CRM's words.
 */
public record RequestAttempt(
    String endpoint,
    String requestLine,
    Optional<Integer> httpStatus,
    Duration latency,
    Optional<String> errorClass,
    Optional<String> errorText,
    Instant attemptedAt) {

  /** The attempt of one job this request was made for. */
  public Attempt of(JobId job) {
    return new Attempt(
        job,
        endpoint,
        httpStatus,
        latency,
        errorClass,
        errorText,
        attemptedAt,
        Optional.of(requestLine));
  }
}
