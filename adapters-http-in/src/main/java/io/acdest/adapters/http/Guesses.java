package io.acdest.adapters.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed guesses of the admin token (the admin API's bearer token, the console's sign-in), counted per client
 * address: after {@value #FREE} failures within {@link #WINDOW}, that address is answered "too many" until its
 * oldest counted failure leaves the window, whatever it sends, so guessing runs at {@value #FREE} a minute at most.
 * Only that address waits: the right token from anywhere else is let in at once. Each address's first failure of a
 * window is logged, and the throttling once with the count it held back. At most {@value #ADDRESSES} addresses are
 * remembered (the longest quiet goes first).
 */
public final class Guesses {
  private static final Logger LOG = LoggerFactory.getLogger("operator");
  static final int FREE = 10;
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int ADDRESSES = 10_000;

  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true);

  public Guesses(Clock clock) {
    this.clock = clock;
  }

  /** How long this address must wait before it may try again, if it must. */
  synchronized Optional<Duration> wait(String address) {
    Deque<Instant> recent = recent(address);
    if (recent.size() < FREE) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), recent.peekFirst().plus(WINDOW));
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }

  /** Counts a wrong token from this address, for {@code what} (the admin API, the console's sign-in). */
  synchronized void failed(String address, String what) {
    Deque<Instant> recent = recent(address);
    recent.addLast(clock.instant());
    if (recent.size() == 1) {
      LOG.atWarn()
          .addKeyValue("event", "auth.failed")
          .addKeyValue("client", address)
          .addKeyValue("what", what)
          .log("event=auth.failed client={} what=\"{}\"", address, what);
    } else if (recent.size() == FREE) {
      LOG.atWarn()
          .addKeyValue("event", "auth.throttled")
          .addKeyValue("client", address)
          .addKeyValue("what", what)
          .log(
              "event=auth.throttled client={} what=\"{}\" failures={} within={}s",
              address,
              what,
              FREE,
              WINDOW.toSeconds());
    }
    while (failures.size() > ADDRESSES) {
      failures.remove(failures.keySet().iterator().next());
    }
  }

  private Deque<Instant> recent(String address) {
    Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    Instant since = clock.instant().minus(WINDOW);
    while (!recent.isEmpty() && recent.peekFirst().isBefore(since)) {
      recent.removeFirst();
    }
    return recent;
  }
}
