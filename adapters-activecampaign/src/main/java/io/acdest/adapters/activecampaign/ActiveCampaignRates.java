package io.acdest.adapters.activecampaign;

import java.time.Duration;
import java.util.Optional;

/**
 * The request rates of one ActiveCampaign account, each a budget of its own shared by every worker and instance:
 * the REST API ({@code /api/3}, documented at 5 requests per second per account) and the tracking host (events and
 * site visits; no published limit, 20 per second by default, 0 for none).
 *
 * <p>REST requests are spaced for {@value #USED} of the rate: ActiveCampaign counts in any sliding second, so at
 * exactly the rate a sixth request lands in the same second as the first as soon as the first one's trip took a
 * millisecond longer; 3 % leaves about 30 ms at 5 per second for the difference between when a request leaves and
 * when it arrives (decision 0016). The tracking host publishes no limit, so its budget is spaced at the rate itself.
 */
public record ActiveCampaignRates(double restPerSecond, double trackingPerSecond) {
  public static final double USED = 0.97;
  public static final double DEFAULT_REST = 5;
  public static final double DEFAULT_TRACKING = 20;
  public static final ActiveCampaignRates DEFAULTS = new ActiveCampaignRates(DEFAULT_REST, DEFAULT_TRACKING);

  public ActiveCampaignRates {
    if (!(restPerSecond > 0 && restPerSecond <= 1000)) {
      throw new IllegalArgumentException("the REST rate must be above 0 and at most 1000 requests per second");
    }
    if (!(trackingPerSecond >= 0 && trackingPerSecond <= 1000)) {
      throw new IllegalArgumentException("the tracking rate must be from 0 (no limit) to 1000 requests per second");
    }
  }

  /** The time between two REST requests. */
  public Duration restInterval() {
    return intervalFor(restPerSecond);
  }

  /** The time between two tracking requests; none when the tracking host is not limited. */
  public Optional<Duration> trackingInterval() {
    return trackingPerSecond == 0 ? Optional.empty()
        : Optional.of(Duration.ofNanos(Math.round(1_000_000_000 / trackingPerSecond)));
  }

  private static Duration intervalFor(double perSecond) {
    return Duration.ofNanos(Math.round(1_000_000_000 / (perSecond * USED)));
  }
}
