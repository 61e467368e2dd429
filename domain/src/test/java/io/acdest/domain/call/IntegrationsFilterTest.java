package io.acdest.domain.call;

import static io.acdest.domain.call.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Refer to it as ActiveCampaign in the Integrations object." */
class IntegrationsFilterTest {
  private final IntegrationsFilter filter = new IntegrationsFilter("ActiveCampaign");

  private boolean delivers(Map<String, Object> integrations) {
    return filter.delivers(
        CallFields.root(obj("integrations", integrations)).object("integrations"));
  }

  @Test
  void noIntegrationsObjectDelivers() {
    assertThat(filter.delivers(CallFields.empty("integrations"))).isTrue();
  }

  @Test
  void namingTheDestinationFalseFiltersTheCall() {
    assertThat(delivers(obj("ActiveCampaign", false))).isFalse();
  }

  @Test
  void allFalseFiltersUnlessTheDestinationIsNamed() {
    assertThat(delivers(obj("All", false))).isFalse();
    assertThat(delivers(obj("All", false, "ActiveCampaign", true))).isTrue();
    assertThat(delivers(obj("All", false, "ActiveCampaign", obj("listId", 3)))).isTrue();
  }

  @Test
  void keysAreCaseSensitive() {
    assertThat(delivers(obj("activecampaign", false))).isTrue();
    assertThat(delivers(obj("all", false))).isTrue();
    assertThat(delivers(obj("All", false, "activeCampaign", true))).isFalse();
  }

  @Test
  void otherDestinationsDoNotMatter() {
    assertThat(delivers(obj("Mixpanel", false, "All", true))).isTrue();
  }
}
