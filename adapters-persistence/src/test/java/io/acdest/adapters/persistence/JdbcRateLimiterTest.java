package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.port.shared.RateLimiter.InFlight;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcRateLimiterTest {

  /** A clock that moves 30 ms every time it is read, like time passing during a slow reservation. */
  private static final class TickingClock extends Clock {
    private Instant now = Instant.parse("2026-11-28T09:00:00Z");

    @Override
    public synchronized Instant instant() {
      Instant read = now;
      now = now.plusMillis(30);
      return read;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void theWaitCountsFromWhenTheReservationIsAnsweredSoTheRequestIsNotSentLate() {
    DataSource dataSource = TestDatabase.shared();
    TestDatabase.truncate(dataSource);
    JdbcRateLimiter limiter = new JdbcRateLimiter(dataSource, new TickingClock());
    Duration interval = Duration.ofMillis(200);

    assertThat(limiter.reserve("acct", interval))
        .isEqualTo(Duration.ZERO); // asked at 0, slot 0, answered at 30 ms: go
    // asked at 60 ms, slot 200 ms, answered at 90 ms: 110 ms left to wait (not the 140 ms seen when
    // asked)
    assertThat(limiter.reserve("acct", interval)).isEqualTo(Duration.ofMillis(110));
  }

  /** Two limiters on one emptied database: two instances of the service. */
  private static List<JdbcRateLimiter> twoInstances() {
    DataSource dataSource = TestDatabase.shared();
    TestDatabase.truncate(dataSource);
    return List.of(
        new JdbcRateLimiter(dataSource, Clock.systemUTC()),
        new JdbcRateLimiter(dataSource, Clock.systemUTC()));
  }

  @Test
  void neverMoreRequestsInFlightThanTheBudgetHasPlacesWhateverTheNumberOfSenders()
      throws Exception {
    List<JdbcRateLimiter> instances = twoInstances();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(12);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int sender = 0; sender < 12; sender++) {
        JdbcRateLimiter limiter = instances.get(sender % 2);
        done.add(
            senders.submit(
                () -> {
                  for (int request = 0; request < 10; request++) {
                    InFlight held = limiter.enter("crm", 3, Duration.ofMinutes(1));
                    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    Thread.sleep(5);
                    inFlight.decrementAndGet();
                    limiter.leave(held);
                  }
                  return null;
                }));
      }
      for (Future<?> sender : done) {
        sender.get(60, TimeUnit.SECONDS);
      }
    } finally {
      senders.shutdownNow();
    }
    assertThat(most.get()).isEqualTo(3); // 12 senders, 3 places: full use, never a fourth
  }

  /**
   * A sliding window: 5 places, each kept 300 ms after its answer, shared by 10 senders on two instances whose
   * requests take 0-30 ms and arrive at any moment before their answer. However the latencies fall, no 6 arrivals
   * are within 300 ms of each other, and the window is used: 60 requests take little more than 12 windows.
   */
  @Test
  void placesKeptAfterTheirAnswerAdmitAtMostThatManyArrivalsWithinAnyWindow() throws Exception {
    List<JdbcRateLimiter> instances = twoInstances();
    Duration window = Duration.ofMillis(300);
    List<Long> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService senders = Executors.newFixedThreadPool(10);
    long start = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int sender = 0; sender < 10; sender++) {
        JdbcRateLimiter limiter = instances.get(sender % 2);
        done.add(
            senders.submit(
                () -> {
                  var random = java.util.concurrent.ThreadLocalRandom.current();
                  for (int request = 0; request < 6; request++) {
                    InFlight held = limiter.enter("window", 5, Duration.ofMinutes(1));
                    Thread.sleep(random.nextInt(16)); // on its way
                    arrivals.add(System.nanoTime());
                    Thread.sleep(random.nextInt(16)); // the answer on its way back
                    limiter.leave(held, window);
                  }
                  return null;
                }));
      }
      for (Future<?> sender : done) {
        sender.get(60, TimeUnit.SECONDS);
      }
    } finally {
      senders.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Long> sorted = arrivals.stream().sorted().toList();
    assertThat(sorted).hasSize(60);
    long tightestSix = Long.MAX_VALUE;
    for (int i = 0; i + 5 < sorted.size(); i++) {
      tightestSix = Math.min(tightestSix, sorted.get(i + 5) - sorted.get(i));
    }
    assertThat(Duration.ofNanos(tightestSix))
        .as("six arrivals span at least a window")
        .isGreaterThanOrEqualTo(window);
    // 12 windows of 5: at least 11 windows apart from the first to the last, and not held up by
    // much more
    assertThat(seconds).isGreaterThan(3.3).isLessThan(20);
  }

  @Test
  void aPlaceWhoseHolderDiedIsTakenOverWhenItsLeaseEnds() throws Exception {
    DataSource dataSource = TestDatabase.shared();
    TestDatabase.truncate(dataSource);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
    JdbcRateLimiter limiter = new JdbcRateLimiter(dataSource, clock);
    InFlight died = limiter.enter("crm", 1, Duration.ofSeconds(30)); // never given back

    ExecutorService waiting = Executors.newSingleThreadExecutor();
    try {
      Future<InFlight> next = waiting.submit(() -> limiter.enter("crm", 1, Duration.ofSeconds(30)));
      Thread.sleep(200);
      assertThat(next).isNotDone(); // the lease still runs: the one place is taken
      clock.advance(Duration.ofSeconds(31));
      InFlight taken = next.get(10, TimeUnit.SECONDS);
      assertThat(taken.place()).isEqualTo(died.place());

      limiter.leave(died); // the dead holder's late word does not free the place of its new holder
      Future<InFlight> third =
          waiting.submit(() -> limiter.enter("crm", 1, Duration.ofSeconds(30)));
      Thread.sleep(200);
      assertThat(third).isNotDone();
      limiter.leave(taken);
      assertThat(third.get(10, TimeUnit.SECONDS).place()).isZero();
    } finally {
      waiting.shutdownNow();
    }
  }
}
