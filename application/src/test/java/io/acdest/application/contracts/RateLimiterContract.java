package io.acdest.application.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.port.out.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link RateLimiter}, at 5 requests/second with a burst of 2. */
public abstract class RateLimiterContract {
  protected static final double RATE = 5;
  protected static final int BURST = 2;

  protected MutableClock clock;
  protected RateLimiter limiter;

  /** A limiter at {@link #RATE} requests/second with a burst of {@link #BURST}, on this clock, with no history. */
  protected abstract RateLimiter createLimiter(MutableClock clock);

  @BeforeEach
  void setUp() {
    clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    limiter = createLimiter(clock);
  }

  @Test
  void aBurstGoesAtOnceThenOneRequestPerInterval() {
    assertThat(limiter.reserve("acct")).isEqualTo(Duration.ZERO);
    assertThat(limiter.reserve("acct")).isEqualTo(Duration.ZERO);
    assertThat(limiter.reserve("acct")).isEqualTo(Duration.ofMillis(200));
    assertThat(limiter.reserve("acct")).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void anIdleAccountRegainsItsBurst() {
    for (int i = 0; i < 10; i++) {
      limiter.reserve("acct");
    }
    clock.advance(Duration.ofSeconds(10));
    assertThat(limiter.reserve("acct")).isEqualTo(Duration.ZERO);
    assertThat(limiter.reserve("acct")).isEqualTo(Duration.ZERO);
  }

  @Test
  void accountsHaveTheirOwnBudgets() {
    for (int i = 0; i < 5; i++) {
      limiter.reserve("busy");
    }
    assertThat(limiter.reserve("quiet")).isEqualTo(Duration.ZERO);
  }

  @Test
  void aPauseHoldsEveryRequestUntilItEnds() {
    Instant until = clock.instant().plusSeconds(30);
    limiter.pauseUntil("acct", until);
    assertThat(limiter.pausedUntil("acct")).contains(until);
    assertThat(limiter.reserve("acct")).isEqualTo(Duration.ofSeconds(30));
    assertThat(limiter.reserve("acct")).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(limiter.pausedUntil("other")).isEmpty();
  }

  @Test
  void aBudgetWithItsOwnSpacingHasNoBurstAndItsOwnClock() {
    Duration spacing = Duration.ofMillis(600);
    assertThat(limiter.reserve("acct/import", spacing)).isEqualTo(Duration.ZERO);
    assertThat(limiter.reserve("acct/import", spacing)).isEqualTo(Duration.ofMillis(600));
    assertThat(limiter.reserve("acct/import", spacing)).isEqualTo(Duration.ofMillis(1200));
    assertThat(limiter.reserve("acct")).as("the account's own budget is separate").isEqualTo(Duration.ZERO);
  }

  @Test
  void aPauseIsExtendedNeverShortened() {
    limiter.pauseUntil("acct", clock.instant().plusSeconds(30));
    limiter.pauseUntil("acct", clock.instant().plusSeconds(5));
    assertThat(limiter.pausedUntil("acct")).contains(clock.instant().plusSeconds(30));
    clock.advance(Duration.ofSeconds(31));
    assertThat(limiter.pausedUntil("acct")).isEmpty();
  }
}
