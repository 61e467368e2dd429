package io.acdest.application.archfixture;

import io.acdest.domain.port.shared.RateLimiter;
import java.time.Duration;

/** Deliberately breaks the rules: an application service that spends an adapter's request budget itself. */
public final class ApplicationSpendingABudget {
  private final RateLimiter limiter;

  public ApplicationSpendingABudget(RateLimiter limiter) {
    this.limiter = limiter;
  }

  public void deliver() {
    limiter.reserve("account", Duration.ofMillis(200));
  }
}
