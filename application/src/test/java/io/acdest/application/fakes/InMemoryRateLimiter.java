package io.acdest.application.fakes;

import io.acdest.domain.port.shared.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory rate limiter: per budget, the next free slot (the theoretical arrival time of the generic cell rate
 * algorithm, without burst), the moment its last request was let go, and a pause; and its places in flight, each
 * with its holder and the moment it ends. The same rules as the PostgreSQL one, for one process.
 */
public final class InMemoryRateLimiter implements RateLimiter {
  private final Clock clock;
  private final Map<String, Instant> nextSlot = new HashMap<>();
  private final Map<String, Instant> lastSent = new HashMap<>();
  private final Map<String, Instant> pausedUntil = new HashMap<>();
  private final Map<String, Map<Integer, Held>> inFlight = new HashMap<>();

  public InMemoryRateLimiter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Duration reserve(String budget, Duration interval) {
    Instant now = clock.instant();
    Instant slot =
        latest(now, nextSlot.getOrDefault(budget, now), pausedUntil.getOrDefault(budget, now));
    nextSlot.put(budget, slot.plus(interval));
    return Duration.between(now, slot);
  }

  @Override
  public synchronized Duration admit(String budget, Duration interval, Instant notBefore) {
    Instant now = clock.instant();
    Instant at =
        latest(
            notBefore.isAfter(now) ? notBefore : now,
            lastSent.containsKey(budget) ? lastSent.get(budget).plus(interval) : now,
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
    return Optional.ofNullable(pausedUntil.get(budget))
        .filter(until -> until.isAfter(clock.instant()));
  }

  @Override
  public synchronized InFlight enter(String budget, int places, Duration lease, Duration ahead)
      throws InterruptedException {
    while (true) {
      Map<Integer, Held> taken = inFlight.computeIfAbsent(budget, b -> new HashMap<>());
      Instant now = clock.instant();
      for (int place = 0; place < places; place++) {
        Held held = taken.get(place);
        if (held == null || !held.until().isAfter(now.plus(ahead))) {
          String holder = java.util.UUID.randomUUID().toString();
          taken.put(place, new Held(holder, now.plus(lease)));
          return new InFlight(
              budget,
              place,
              holder,
              held != null && held.until().isAfter(now) ? held.until() : now);
        }
      }
      // a place given back wakes this at once; one kept for a while, or whose lease ends, is seen
      // within 10 ms
      wait(10);
    }
  }

  @Override
  public synchronized void leave(InFlight held, Duration keep) {
    Map<Integer, Held> taken = inFlight.get(held.budget());
    Held current = taken == null ? null : taken.get(held.place());
    if (current == null || !current.holder().equals(held.holder())) {
      return; // taken over after its lease ended: the new holder's
    }
    if (keep.isPositive()) {
      taken.put(held.place(), new Held(held.holder(), clock.instant().plus(keep)));
    } else {
      taken.remove(held.place());
      notifyAll();
    }
  }

  /** A place taken: by whom, and until when at the latest. */
  private record Held(String holder, Instant until) {}

  private static Instant latest(Instant a, Instant b, Instant c) {
    Instant max = a.isAfter(b) ? a : b;
    return max.isAfter(c) ? max : c;
  }
}
