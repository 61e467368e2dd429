package io.acdest.adapters.activecampaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ActiveCampaignRatesTest {

  @Test
  void theRestApiIsSpacedForNinetySevenPercentOfItsRate() {
    assertThat(ActiveCampaignRates.DEFAULTS.restInterval())
        .isEqualTo(Duration.ofNanos(206_185_567));
  }

  @Test
  void theTrackingHostsWindowIsAWholeSecondAtAWholeRate() {
    assertThat(ActiveCampaignRates.DEFAULTS.trackingWindow())
        .contains(new ActiveCampaignRates.Window(20, Duration.ofSeconds(1)));
    assertThat(new ActiveCampaignRates(5, 1000).trackingWindow())
        .contains(new ActiveCampaignRates.Window(1000, Duration.ofSeconds(1)));
  }

  @Test
  void aFractionalRateRoundsThePlacesUpAndKeepsEachLonger() {
    // 4.85 per second: 5 places, each kept 5 / 4.85 s, so no more than 4.85 a second on average and
    // 5 in any second
    assertThat(new ActiveCampaignRates(5, 4.85).trackingWindow())
        .contains(new ActiveCampaignRates.Window(5, Duration.ofNanos(1_030_927_835)));
    assertThat(new ActiveCampaignRates(5, 0.5).trackingWindow())
        .contains(new ActiveCampaignRates.Window(1, Duration.ofSeconds(2)));
  }

  @Test
  void zeroLiftsTheTrackingLimit() {
    assertThat(new ActiveCampaignRates(5, 0).trackingWindow()).isEmpty();
  }
}
