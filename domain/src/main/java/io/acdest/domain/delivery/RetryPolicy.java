package io.acdest.domain.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The retry rule of docs/behaviour.md §4: randomised exponential backoff from about 10 s, doubling to a 5-minute cap,
 * for as long as the retry window (4 hours by default) measured from acceptance; then the message is dead.
 */
public record RetryPolicy(
    Duration initialDelay, Duration maxDelay, Duration window, double jitter) {
  /** docs/behaviour.md §4's defaults: 10 s doubling to 5 min, for 4 hours, ±20 % jitter. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofHours(4), 0.2);

  public RetryPolicy {
    if (initialDelay.isNegative()
        || initialDelay.isZero()
        || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "the initial delay must be positive and at most the maximum delay");
    }
    if (window.isNegative() || jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException(
          "the window must not be negative and the jitter must be in [0, 1)");
    }
  }

  /** The same policy with another retry window (configurable, docs/behaviour.md §4). */
  public RetryPolicy withWindow(Duration newWindow) {
    return new RetryPolicy(initialDelay, maxDelay, newWindow, jitter);
  }

  /**
   * The delay before the attempt after {@code failedAttempts} failures (1 for the first failure): the initial
   * delay doubled per earlier failure, capped, then spread by ±jitter so that many failing jobs do not retry in
   * step.
   */
  public Duration delayAfter(int failedAttempts, RandomGenerator random) {
    int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
    long base = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << doublings);
    double spread = 1 + jitter * (2 * random.nextDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(base * spread)));
  }

  /**
   * What to do after a transient failure: retry after the backoff, or give up when that retry would fall
   * outside the window that began at {@code acceptedAt}.
   */
  public DeliveryOutcome afterTransientFailure(
      int failedAttempts, Instant acceptedAt, Instant now, String reason, RandomGenerator random) {
    Instant next = now.plus(delayAfter(failedAttempts, random));
    if (next.isAfter(acceptedAt.plus(window))) {
      return new DeliveryOutcome.Failed(
          "gave up after "
              + failedAttempts
              + " attempts: the retry window of "
              + window.toMinutes()
              + " minutes ran out; last error: "
              + reason);
    }
    return new DeliveryOutcome.RetryLater(next, RetryCause.TRANSIENT, reason);
  }
}
