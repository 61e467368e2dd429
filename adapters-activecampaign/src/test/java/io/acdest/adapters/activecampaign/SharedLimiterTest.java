package io.acdest.adapters.activecampaign;

import static io.acdest.adapters.activecampaign.SandboxHarness.identify;
import static io.acdest.adapters.activecampaign.SandboxHarness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every request takes a slot from the shared limiter first, so the account's own limit is never hit. */
class SharedLimiterTest {

  private static int throttledAfterTwelveIdentifies(double clientRate) {
    try (SandboxHarness h =
        new SandboxHarness(5, clientRate, Duration.ofSeconds(2), "sandbox-event-key")) {
      for (int i = 0; i < 12; i++) {
        h.deliver(
            identify(
                "m" + i, "u" + i, obj("firstName", "User", "email", "user" + i + "@example.com")));
      }
      return h.state().path("requests").path("throttled").asInt();
    }
  }

  @Test
  void atTheAccountsOwnRateTheAccountNeverAnswers429() {
    // ActiveCampaign's 5 per second, spaced for 97 % of it (ActiveCampaignRates.USED), against a
    // sandbox that
    // answers 429 to a sixth request within any sliding second
    assertThat(throttledAfterTwelveIdentifies(5)).isZero();
  }

  @Test
  void withoutAnEffectiveLimitTheSameWorkIsThrottled() {
    // the control: the same identifies, with a limiter that lets everything through
    assertThat(throttledAfterTwelveIdentifies(1_000)).isPositive();
  }
}
