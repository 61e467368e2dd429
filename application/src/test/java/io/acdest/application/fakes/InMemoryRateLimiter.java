package io.acdest.application.fakes;

import io.acdest.domain.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory rate limiter: per budget, the next free slot (the theoretical arrival time of the generic cell rate
 * algorithm, without burst), the moment its last request was let go, and a pause. The same rules as the
 * PostgreSQL one, for one process.
 */
public final class InMemoryRateLimiter implements RateLimiter {
  private final Clock clock;
  private final Map<String, Instant> nextSlot = new HashMap<>();
  private final Map<String, Instant> lastSent = new HashMap<>();
  private final Map<String, Instant> pausedUntil = new HashMap<>();
  private final Map<String, java.util.Set<Integer>> inFlight = new HashMap<>();

  public InMemoryRateLimiter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Duration reserve(String budget, Duration interval) {
    Instant now = clock.instant();
    Instant slot = latest(now, nextSlot.getOrDefault(budget, now), pausedUntil.getOrDefault(budget, now));
    nextSlot.put(budget, slot.plus(interval));
    return Duration.between(now, slot);
  }

  @Override
  public synchronized Duration admit(String budget, Duration interval) {
    Instant now = clock.instant();
    Instant at = latest(now, lastSent.containsKey(budget) ? lastSent.get(budget).plus(interval) : now,
        pausedUntil.getOrDefault(budget, now));
    lastSent.put(budget, at);
    return Duration.between(now, at);
  }

  @Override
  public synchronized void delay(String budget, Duration by) {
    lastSent.computeIfPresent(budget, (b, last) -> last.plus(by));
  }

  @Override
  public synchronized void pauseUntil(String budget, Instant until) {
    pausedUntil.merge(budget, until, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public synchronized Optional<Instant> pausedUntil(String budget) {
    return Optional.ofNullable(pausedUntil.get(budget)).filter(until -> until.isAfter(clock.instant()));
  }

  @Override
  public synchronized InFlight enter(String budget, int places, Duration lease) throws InterruptedException {
    while (true) {
      java.util.Set<Integer> taken = inFlight.computeIfAbsent(budget, b -> new java.util.HashSet<>());
      for (int place = 0; place < places; place++) {
        if (taken.add(place)) {
          return new InFlight(budget, place, java.util.UUID.randomUUID().toString());
        }
      }
      wait();
    }
  }

  @Override
  public synchronized void leave(InFlight held) {
    java.util.Set<Integer> taken = inFlight.get(held.budget());
    if (taken != null && taken.remove(held.place())) {
      notifyAll();
    }
  }

  private static Instant latest(Instant a, Instant b, Instant c) {
    Instant max = a.isAfter(b) ? a : b;
    return max.isAfter(c) ? max : c;
  }
}
