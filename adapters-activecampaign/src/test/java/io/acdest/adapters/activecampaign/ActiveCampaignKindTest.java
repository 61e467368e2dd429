package io.acdest.adapters.activecampaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.adapters.crm.InvalidSettingException;
import io.acdest.adapters.crm.SettingsReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ActiveCampaign's settings, read as the service reads them from its environment (moved from bootstrap). */
class ActiveCampaignKindTest {

  private static ActiveCampaignKind.Read read(Map<String, String> env) {
    ActiveCampaignKind kind = new ActiveCampaignKind();
    return (ActiveCampaignKind.Read)
        kind.configure(SettingsReader.environment(env, kind.variablePrefix()));
  }

  @Test
  void nothingSetMeansTheSandboxAtTheDefaultRates() {
    ActiveCampaignKind.Read read = read(Map.of());
    assertThat(read.settings()).isEmpty();
    assertThat(read.account()).isEmpty();
    assertThat(read.rates().restPerSecond()).isEqualTo(5);
    assertThat(read.rates().trackingPerSecond()).isEqualTo(20);
  }

  @Test
  void theRestAndTrackingBudgetsAreSetApartAndZeroLiftsTheTrackingLimit() {
    ActiveCampaignKind.Read read =
        read(
            Map.of(
                "ACTIVECAMPAIGN_RATE_LIMIT",
                "10",
                "ACTIVECAMPAIGN_TRACKING_RATE_LIMIT",
                "0",
                "ACTIVECAMPAIGN_API_URL",
                "https://acme.api-us1.com",
                "ACTIVECAMPAIGN_API_KEY",
                "k",
                "ACTIVECAMPAIGN_ACCOUNT_ID",
                "1"));
    assertThat(read.settings().orElseThrow().rates().restInterval())
        .isEqualTo(Duration.ofNanos(Math.round(1e9 / (10 * 0.97))));
    assertThat(read.settings().orElseThrow().rates().trackingWindow()).isEmpty();
    assertThat(read.account()).isPresent();
    assertThatThrownBy(() -> read(Map.of("ACTIVECAMPAIGN_TRACKING_RATE_LIMIT", "-3")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("ACTIVECAMPAIGN_TRACKING_RATE_LIMIT must be a number from 0.0 to");
  }

  @Test
  void anAccountNeedsItsKeyAndIdAndTheKeyNeverShows() {
    assertThatThrownBy(() -> read(Map.of("ACTIVECAMPAIGN_API_URL", "https://acme.api-us1.com")))
        .hasMessage("ACTIVECAMPAIGN_API_KEY is required when ACTIVECAMPAIGN_API_URL is set");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "ACTIVECAMPAIGN_API_URL",
                        "https://acme.api-us1.com",
                        "ACTIVECAMPAIGN_API_KEY",
                        "ac-secret-key")))
        .hasMessageStartingWith("ACTIVECAMPAIGN_ACCOUNT_ID (actid) is required")
        .hasMessageNotContaining("ac-secret-key");
    assertThatThrownBy(() -> read(Map.of("ACTIVECAMPAIGN_API_URL", "acme.api-us1.com")))
        .hasMessage(
            "ACTIVECAMPAIGN_API_URL must be an absolute http(s) URL, got 'acme.api-us1.com'");
    ActiveCampaignKind.Read read =
        read(
            Map.of(
                "ACTIVECAMPAIGN_API_URL",
                "https://acme.api-us1.com",
                "ACTIVECAMPAIGN_API_KEY",
                "ac-secret-key",
                "ACTIVECAMPAIGN_ACCOUNT_ID",
                "123",
                "ACTIVECAMPAIGN_EVENT_KEY",
                "ev-secret-key"));
    assertThat(read.toString()).doesNotContain("ac-secret-key", "ev-secret-key");
  }
}
