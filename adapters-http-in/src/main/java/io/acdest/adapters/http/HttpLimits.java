package io.acdest.adapters.http;

import java.time.Duration;

/**
 * How the HTTP server holds against what it is sent: the address it listens on, how long a connection may take to
 * send a request's headers and may stay idle, whether HTTP/2 without TLS is spoken, and how many bytes of tracking
 * requests may be read and parsed at once ({@link IntakeBudget}).
 */
public record HttpLimits(
    String bindAddress,
    Duration headerTimeout,
    Duration idleTimeout,
    boolean http2Cleartext,
    long intakeBytes) {

  /** Every interface, 10 s for headers, 60 s idle, no h2c, and a sixteenth of the heap for requests in flight. */
  public static HttpLimits defaults() {
    return new HttpLimits(
        "0.0.0.0", Duration.ofSeconds(10), Duration.ofSeconds(60), false, defaultIntakeBytes());
  }

  /**
   * A thirty-second of the heap for the bytes of tracking requests read and parsed at once, between 4 and 128 MB: a
   * request's parsed events take several times its bytes (16 MB of 500 KB batches at {@code -Xmx512m}).
   */
  public static long defaultIntakeBytes() {
    long share = Runtime.getRuntime().maxMemory() / 32;
    return Math.max(4L << 20, Math.min(128L << 20, share));
  }

  public HttpLimits {
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("the bind address is required");
    }
    if (headerTimeout.toMillis() < 100 || idleTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "the header timeout must be at least 100 ms and the idle timeout 1 s");
    }
    if (intakeBytes < TrackingApi.MAX_REQUEST_BYTES) {
      throw new IllegalArgumentException(
          "the intake budget must hold at least one request of "
              + TrackingApi.MAX_REQUEST_BYTES / 1024
              + " KB");
    }
  }
}
