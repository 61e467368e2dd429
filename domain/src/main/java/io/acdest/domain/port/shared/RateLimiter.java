package io.acdest.domain.port.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Outgoing port: request budgets shared by every worker of every instance, so that together they stay under a
 * CRM's rate (docs/behaviour.md §4), and pause together when the CRM says Retry-After. A CRM adapter names its budgets
 * (one per API host and limit, e.g. the REST API and the tracking host) and their spacing; requests of one budget leave
 * at
 * least one interval apart, on absolute slots, with no burst. A CRM that limits how many requests are in flight at
 * once rather than (or as well as) how many per second has its requests {@link #enter} and {@link #leave} a budget's
 * places. Places kept for a while after their request make a sliding window: {@code n} places, each kept one second
 * from when its request left, let at most {@code n} requests leave within any one second (see
 * {@link #leave(InFlight, Duration)}).
 */
public interface RateLimiter {

  /**
   * Reserves the budget's next slot and says how long to wait for it (zero: now). Slots are {@code interval} apart
   * and never given back: the caller waits, then {@link #admit}s its request.
   */
  Duration reserve(String budget, Duration interval);

  /**
   * The last step before a request of the budget goes out, once its slot has come: zero when it may leave now; else
   * how much longer to wait, because the budget's previous request left less than {@code interval} ago (its sender
   * woke late for its own slot). The moment it lets go is recorded as the budget's last request, so requests leave
   * at least {@code interval} apart however late their senders are.
   */
  default Duration admit(String budget, Duration interval) {
    return admit(budget, interval, Instant.EPOCH);
  }

  /**
   * The same, for a request that may not leave before {@code notBefore} in any case (the place it holds frees then,
   * see {@link #enter(String, int, Duration, Duration)}): it is let go at that moment at the earliest, which is
   * recorded as the budget's last request.
   */
  Duration admit(String budget, Duration interval, Instant notBefore);

  /**
   * Moves the budget's schedule back by {@code by}: the next request is let go that much later than it would have
   * been, and every one after it too. A sender whose request may have reached the CRM late (its answer took longer
   * than such requests take) moves the schedule back by as much, so that the requests after it keep their window
   * around it instead of crowding into it.
   */
  void delay(String budget, Duration by);

  /** No request of the budget before {@code until}; a pause is only ever extended, never shortened. */
  void pauseUntil(String budget, Instant until);

  /** When the budget's current pause ends, if it is paused. */
  Optional<Instant> pausedUntil(String budget);

  /**
   * Takes one of the budget's {@code places} for a request in flight, shared by every worker of every instance,
   * waiting as long as all are taken. The place is held until {@link #leave} or, should its holder die, until
   * {@code lease} has passed. Throws {@link InterruptedException} when the wait is interrupted (nothing is held).
   */
  default InFlight enter(String budget, int places, Duration lease) throws InterruptedException {
    return enter(budget, places, lease, Duration.ZERO);
  }

  /**
   * The same, also taking a place that is kept only a little longer, at most {@code ahead}: the place is this
   * holder's at once, and {@link InFlight#from} says when its keep ends, before which the request must not leave. A
   * sender that takes its place a few milliseconds early does the rest of its preparation (a look at the pause, its
   * admission) in that time, and leaves the moment the place frees rather than that much after it.
   */
  InFlight enter(String budget, int places, Duration lease, Duration ahead)
      throws InterruptedException;

  /** Gives a place back now; a place already taken over after its lease ended is left to its new holder. */
  default void leave(InFlight held) {
    leave(held, Duration.ZERO);
  }

  /**
   * Gives a place back {@code keep} from now (at once when {@code keep} is not positive): until then it stays taken,
   * and a sender waiting for a place of the budget is let in when it ends. A CRM adapter calls it when the answer has
   * come, with its window less the time since the request left. A place already taken over after its lease ended is
   * left to its new holder.
   */
  void leave(InFlight held, Duration keep);

  /**
   * A place held for one request in flight: which budget, which place, who holds it, and from when its request may
   * leave (the end of the place's previous keep when it was taken ahead of it, else the moment it was taken).
   */
  record InFlight(String budget, int place, String holder, Instant from) {
    public InFlight {
      if (place < 0) {
        throw new IllegalArgumentException("a place is numbered from 0");
      }
      Objects.requireNonNull(from, "from");
    }
  }
}
