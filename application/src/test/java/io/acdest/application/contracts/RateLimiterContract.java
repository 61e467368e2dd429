package io.acdest.application.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.port.out.RateLimiter;
import java.time.Duration;
import java.time.Instant;
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
    assertThat(limiter.reserve("tracking.example", Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(50));
    limiter.pauseUntil("api.example", clock.instant().plusSeconds(30));
    assertThat(limiter.pausedUntil("tracking.example")).as("a pause is the budget's alone").isEmpty();
  }

  @Test
  void aPauseHoldsEveryRequestUntilItEnds() {
    Instant until = clock.instant().plusSeconds(30);
    limiter.pauseUntil("acct", until);
    assertThat(limiter.pausedUntil("acct")).contains(until);
    assertThat(limiter.reserve("acct", INTERVAL)).isEqualTo(Duration.ofSeconds(30));
    assertThat(limiter.reserve("acct", INTERVAL)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(limiter.admit("acct", INTERVAL)).as("nothing is let go before the pause ends")
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
    assertThat(limiter.admit("acct", INTERVAL)).as("the late one goes at once").isEqualTo(Duration.ZERO);
    clock.advance(Duration.ofMillis(50));
    assertThat(limiter.admit("acct", INTERVAL)).as("the next waits until an interval after it")
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
    assertThat(limiter.admit("acct", INTERVAL)).as("and the ones after it too").isEqualTo(Duration.ofMillis(475));
    assertThat(limiter.admit("other", INTERVAL)).isZero();
  }
}
