package io.acdest.application.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.port.shared.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link RateLimiter}, for a budget of 5 requests a second (slots 200 ms apart). */
public abstract class RateLimiterContract {
  protected static final Duration INTERVAL = Duration.ofMillis(200);

  protected MutableClock clock;
  protected RateLimiter limiter;

  /** A limiter on this clock, with no history. */
  protected abstract RateLimiter createLimiter(MutableClock clock);

  @BeforeEach
  void setUp() {
    clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    limiter = createLimiter(clock);
  }

  @Test
  void slotsAreOneIntervalApartWithoutBurst() {
    assertThat(limiter.reserve("acct", INTERVAL)).isEqualTo(Duration.ZERO);
    assertThat(limiter.reserve("acct", INTERVAL)).isEqualTo(Duration.ofMillis(200));
    assertThat(limiter.reserve("acct", INTERVAL)).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void anIdleBudgetStartsAgainNowWithoutABurst() {
    for (int i = 0; i < 10; i++) {
      limiter.reserve("acct", INTERVAL);
    }
    clock.advance(Duration.ofSeconds(10));
    assertThat(limiter.reserve("acct", INTERVAL)).isEqualTo(Duration.ZERO);
    assertThat(limiter.reserve("acct", INTERVAL)).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void budgetsAreSeparate() {
    for (int i = 0; i < 5; i++) {
      limiter.reserve("api.example", INTERVAL);
    }
    assertThat(limiter.reserve("tracking.example", Duration.ofMillis(50))).isEqualTo(Duration.ZERO);
    assertThat(limiter.reserve("tracking.example", Duration.ofMillis(50)))
        .isEqualTo(Duration.ofMillis(50));
    limiter.pauseUntil("api.example", clock.instant().plusSeconds(30));
    assertThat(limiter.pausedUntil("tracking.example"))
        .as("a pause is the budget's alone")
        .isEmpty();
  }

  @Test
  void aPauseHoldsEveryRequestUntilItEnds() {
    Instant until = clock.instant().plusSeconds(30);
    limiter.pauseUntil("acct", until);
    assertThat(limiter.pausedUntil("acct")).contains(until);
    assertThat(limiter.reserve("acct", INTERVAL)).isEqualTo(Duration.ofSeconds(30));
    assertThat(limiter.reserve("acct", INTERVAL)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(limiter.admit("acct", INTERVAL))
        .as("nothing is let go before the pause ends")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aPauseIsExtendedNeverShortened() {
    limiter.pauseUntil("acct", clock.instant().plusSeconds(30));
    limiter.pauseUntil("acct", clock.instant().plusSeconds(5));
    assertThat(limiter.pausedUntil("acct")).contains(clock.instant().plusSeconds(30));
    clock.advance(Duration.ofSeconds(31));
    assertThat(limiter.pausedUntil("acct")).isEmpty();
  }

  @Test
  void requestsAreLetGoAtLeastOneIntervalApartEvenWhenASenderWakesLate() {
    // two senders reserve slots 0 ms and 200 ms; the first wakes 150 ms late, the second on time
    assertThat(limiter.reserve("acct", INTERVAL)).isEqualTo(Duration.ZERO);
    assertThat(limiter.reserve("acct", INTERVAL)).isEqualTo(Duration.ofMillis(200));
    clock.advance(Duration.ofMillis(150));
    assertThat(limiter.admit("acct", INTERVAL))
        .as("the late one goes at once")
        .isEqualTo(Duration.ZERO);
    clock.advance(Duration.ofMillis(50));
    assertThat(limiter.admit("acct", INTERVAL))
        .as("the next waits until an interval after it")
        .isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void aSenderOnTimeIsLetGoAtOnce() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.admit("acct", INTERVAL)).isEqualTo(Duration.ZERO);
      clock.advance(INTERVAL);
    }
  }

  @Test
  void aDelayMovesTheScheduleBackWithoutFailingAnyRequest() {
    assertThat(limiter.admit("acct", INTERVAL)).isZero();
    limiter.delay("acct", Duration.ofMillis(75));
    assertThat(limiter.pausedUntil("acct")).as("a delay is not a pause").isEmpty();
    assertThat(limiter.admit("acct", INTERVAL)).isEqualTo(Duration.ofMillis(275));
    assertThat(limiter.admit("acct", INTERVAL))
        .as("and the ones after it too")
        .isEqualTo(Duration.ofMillis(475));
    assertThat(limiter.admit("other", INTERVAL)).isZero();
  }

  @Test
  void aPlaceGivenBackAtOnceIsFreeAtOnce() throws Exception {
    RateLimiter.InFlight first = limiter.enter("places", 1, Duration.ofSeconds(30));
    limiter.leave(first);
    assertThat(enterElsewhere("places", 1).get(5, TimeUnit.SECONDS).place()).isZero();
  }

  @Test
  void aPlaceKeptAfterItsAnswerStaysTakenUntilTheKeepEnds() throws Exception {
    RateLimiter.InFlight first = limiter.enter("window", 2, Duration.ofSeconds(30));
    RateLimiter.InFlight second = limiter.enter("window", 2, Duration.ofSeconds(30));
    limiter.leave(first, Duration.ofSeconds(1));
    limiter.leave(second, Duration.ofSeconds(2));
    Future<RateLimiter.InFlight> third = enterElsewhere("window", 2);
    Thread.sleep(150);
    assertThat(third)
        .as("both places are kept: a third request would be the third within one second")
        .isNotDone();
    clock.advance(Duration.ofSeconds(1));
    RateLimiter.InFlight taken = third.get(5, TimeUnit.SECONDS);
    assertThat(taken.place()).as("the place whose keep ended").isEqualTo(first.place());
    Future<RateLimiter.InFlight> fourth = enterElsewhere("window", 2);
    Thread.sleep(150);
    assertThat(fourth).isNotDone();
    limiter.leave(taken); // given back at once: free before the other's keep ends
    assertThat(fourth.get(5, TimeUnit.SECONDS).place()).isEqualTo(first.place());
  }

  @Test
  void aPlaceIsTakenAheadOfItsKeepsEndOnlyWithinTheLeadAskedForAndSaysWhenItFrees()
      throws Exception {
    Instant start = clock.instant();
    RateLimiter.InFlight fresh =
        limiter.enter("ahead", 1, Duration.ofSeconds(30), Duration.ofMillis(30));
    assertThat(fresh.from())
        .as("a place nobody held is free from when it is taken")
        .isEqualTo(start);
    limiter.leave(fresh, Duration.ofSeconds(1));
    Future<RateLimiter.InFlight> early = enterElsewhere("ahead", 1, Duration.ofMillis(30));
    Thread.sleep(150);
    assertThat(early).as("the keep ends in a second, far more than 30 ms ahead").isNotDone();
    clock.advance(Duration.ofMillis(980));
    RateLimiter.InFlight taken = early.get(5, TimeUnit.SECONDS);
    assertThat(taken.from())
        .as("taken 20 ms early: its request may leave when the keep ends")
        .isEqualTo(start.plusSeconds(1));
    Future<RateLimiter.InFlight> next = enterElsewhere("ahead", 1, Duration.ofMillis(30));
    Thread.sleep(150);
    assertThat(next)
        .as("the place is its new holder's at once, while its request waits")
        .isNotDone();
    limiter.leave(taken);
    assertThat(next.get(5, TimeUnit.SECONDS).from()).isEqualTo(clock.instant());
  }

  @Test
  void anAdmissionIsNoEarlierThanTheMomentItsPlaceFrees() {
    Instant frees = clock.instant().plusMillis(80);
    assertThat(limiter.admit("acct", INTERVAL, frees)).isEqualTo(Duration.ofMillis(80));
    assertThat(limiter.admit("acct", INTERVAL))
        .as("the next one an interval after it")
        .isEqualTo(Duration.ofMillis(280));
    assertThat(limiter.admit("acct", INTERVAL, clock.instant()))
        .as("a moment already past changes nothing")
        .isEqualTo(Duration.ofMillis(480));
  }

  @Test
  void aPlaceTakenOverAfterItsLeaseIsNotKeptOrFreedByItsFormerHolder() throws Exception {
    RateLimiter.InFlight died = limiter.enter("lease", 1, Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(31));
    RateLimiter.InFlight next = enterElsewhere("lease", 1).get(5, TimeUnit.SECONDS);
    limiter.leave(died, Duration.ofSeconds(1)); // the former holder's late word
    limiter.leave(next); // the new holder's: free now, not a second later
    assertThat(enterElsewhere("lease", 1).get(5, TimeUnit.SECONDS).place()).isZero();
  }

  private Future<RateLimiter.InFlight> enterElsewhere(String budget, int places) {
    return enterElsewhere(budget, places, Duration.ZERO);
  }

  private Future<RateLimiter.InFlight> enterElsewhere(String budget, int places, Duration ahead) {
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try {
      return sender.submit(() -> limiter.enter(budget, places, Duration.ofSeconds(30), ahead));
    } finally {
      sender.shutdown(); // the submitted look goes on; the thread ends with it
    }
  }
}
