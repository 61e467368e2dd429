package io.acdest.application.fakes;

import io.acdest.domain.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory rate limiter: the generic cell rate algorithm (GCRA), one theoretical arrival time per account, plus
 * a pause. The same algorithm as the PostgreSQL one, for one process.
 */
public final class InMemoryRateLimiter implements RateLimiter {
  private final Clock clock;
  private final Duration interval;
  private final Duration tolerance;
  private final Map<String, Instant> theoreticalArrival = new HashMap<>();
  private final Map<String, Instant> pausedUntil = new HashMap<>();

  public InMemoryRateLimiter(Clock clock, double requestsPerSecond, int burst) {
    this.clock = clock;
    this.interval = Duration.ofNanos(Math.round(1_000_000_000 / requestsPerSecond));
    this.tolerance = interval.multipliedBy(Math.max(0, burst - 1));
  }

  @Override
  public synchronized Duration reserve(String account) {
    return reserve(account, interval, tolerance);
  }

  @Override
  public synchronized Duration reserve(String budget, Duration spacing) {
    return reserve(budget, spacing, Duration.ZERO);
  }

  private Duration reserve(String account, Duration spacing, Duration burstTolerance) {
    Instant now = clock.instant();
    Instant start = latest(now, theoreticalArrival.getOrDefault(account, now), pausedUntil.getOrDefault(account, now));
    theoreticalArrival.put(account, start.plus(spacing));
    Instant sendAt = latest(now, start.minus(burstTolerance), pausedUntil.getOrDefault(account, now));
    return Duration.between(now, sendAt);
  }

  @Override
  public synchronized void pauseUntil(String account, Instant until) {
    pausedUntil.merge(account, until, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public synchronized Optional<Instant> pausedUntil(String account) {
    return Optional.ofNullable(pausedUntil.get(account)).filter(until -> until.isAfter(clock.instant()));
  }

  private static Instant latest(Instant a, Instant b, Instant c) {
    Instant max = a.isAfter(b) ? a : b;
    return max.isAfter(c) ? max : c;
  }
}
