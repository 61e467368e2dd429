package io.acdest.adapters.activecampaign.sandbox;

import java.time.Instant;
import java.util.Optional;

/** A fault to inject: the next {@code times} requests whose path starts with {@code pathPrefix}. */
public record SandboxFault(
    String pathPrefix,
    int times,
    int status,
    String body,
    String contentType,
    Optional<Integer> retryAfterSeconds,
    long hangMillis,
    Optional<Instant> until) {

  public SandboxFault(
      String pathPrefix,
      int times,
      int status,
      String body,
      String contentType,
      Optional<Integer> retryAfterSeconds,
      long hangMillis) {
    this(
        pathPrefix,
        times,
        status,
        body,
        contentType,
        retryAfterSeconds,
        hangMillis,
        Optional.empty());
  }

  /** Answer every request under the path with this status (no Retry-After) until the time passes: an outage. */
  public static SandboxFault outage(String pathPrefix, int status, java.time.Duration lasting) {
    return new SandboxFault(
        pathPrefix,
        Integer.MAX_VALUE,
        status,
        "{\"message\":\"Service Unavailable\"}",
        "application/json",
        Optional.empty(),
        0,
        Optional.of(Instant.now().plus(lasting)));
  }

  /** Answer with a status and an ActiveCampaign-style error body. */
  public static SandboxFault status(String pathPrefix, int times, int status) {
    return new SandboxFault(
        pathPrefix,
        times,
        status,
        "{\"message\":\"injected fault " + status + "\"}",
        "application/json",
        Optional.empty(),
        0);
  }

  /** Answer 429 (or another status) with a Retry-After header. */
  public static SandboxFault retryAfter(String pathPrefix, int times, int status, int seconds) {
    return new SandboxFault(
        pathPrefix,
        times,
        status,
        "{\"message\":\"slow down\"}",
        "application/json",
        Optional.of(seconds),
        0);
  }

  /** Answer with this body and content type (an HTML login page, an error text). */
  public static SandboxFault body(
      String pathPrefix, int times, int status, String contentType, String body) {
    return new SandboxFault(pathPrefix, times, status, body, contentType, Optional.empty(), 0);
  }

  /** Answer nothing for this long (past the client's timeout), then 504. */
  public static SandboxFault hang(String pathPrefix, int times, long millis) {
    return new SandboxFault(
        pathPrefix, times, 504, "{}", "application/json", Optional.empty(), millis);
  }
}
