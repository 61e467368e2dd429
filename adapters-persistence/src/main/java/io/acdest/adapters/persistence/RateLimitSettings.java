package io.acdest.adapters.persistence;

import java.time.Duration;

/** The shared request budget per CRM account: a steady rate (§4: 5 per second) and how many may go at once. */
public record RateLimitSettings(double requestsPerSecond, int burst) {
  public static final RateLimitSettings DEFAULTS = new RateLimitSettings(5, 1);

  public RateLimitSettings {
    if (!(requestsPerSecond > 0 && requestsPerSecond <= 1000)) {
      throw new IllegalArgumentException("the rate must be above 0 and at most 1000 requests per second");
    }
    if (burst < 1 || burst > 100) {
      throw new IllegalArgumentException("the burst must be between 1 and 100");
    }
  }

  /** The time between two requests at the steady rate. */
  public Duration interval() {
    return Duration.ofNanos(Math.round(1_000_000_000 / requestsPerSecond));
  }

  /** How far ahead of the steady rate a burst may run. */
  public Duration tolerance() {
    return interval().multipliedBy(burst - 1L);
  }
}
