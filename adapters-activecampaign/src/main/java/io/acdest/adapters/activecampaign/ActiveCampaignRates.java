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
 * when it arrives (decision 0016).
 *
 * <p>The tracking host publishes no limit, so its budget is a sliding window at the rate itself (decision 0022):
 * {@code ⌈rate⌉} places, each kept {@code ⌈rate⌉ / rate} seconds (one second at a whole rate) from when its request
 * left, and at least until its answer. No more than {@code ⌈rate⌉} requests leave within any such window, a second's
 * worth of live events goes at once instead of one by one, and the full rate holds at any latency.
 */
record ActiveCampaignRates(double restPerSecond, double trackingPerSecond) {
  public static final double USED = 0.97;
  public static final double DEFAULT_REST = 5;
  public static final double DEFAULT_TRACKING = 20;
  public static final ActiveCampaignRates DEFAULTS =
      new ActiveCampaignRates(DEFAULT_REST, DEFAULT_TRACKING);

  public ActiveCampaignRates {
    if (!(restPerSecond > 0 && restPerSecond <= 1000)) {
      throw new IllegalArgumentException(
          "the REST rate must be above 0 and at most 1000 requests per second");
    }
    if (!(trackingPerSecond >= 0 && trackingPerSecond <= 1000)) {
      throw new IllegalArgumentException(
          "the tracking rate must be from 0 (no limit) to 1000 requests per second");
    }
  }

  /** The time between two REST requests. */
  public Duration restInterval() {
    return intervalFor(restPerSecond);
  }

  /** The tracking host's window: how many places, each kept how long after its answer; none when not limited. */
  public Optional<Window> trackingWindow() {
    if (trackingPerSecond == 0) {
      return Optional.empty();
    }
    int places = (int) Math.ceil(trackingPerSecond);
    return Optional.of(
        new Window(places, Duration.ofNanos(Math.round(places * 1e9 / trackingPerSecond))));
  }

  /** At most {@code places} requests leave within any {@code keep}: each place is kept that long from its request. */
  public record Window(int places, Duration keep) {}

  private static Duration intervalFor(double perSecond) {
    return Duration.ofNanos(Math.round(1_000_000_000 / (perSecond * USED)));
  }
}
