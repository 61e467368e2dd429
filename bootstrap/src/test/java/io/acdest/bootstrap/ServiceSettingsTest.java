package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {

  @Test
  void nothingSetMeansTheEmbeddedDefaults() {
    ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of());
    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.database()).isEmpty();
    assertThat(settings.writeKeys()).isEmpty();
    assertThat(settings.crm().kind().name()).isEqualTo("activecampaign");
    assertThat(settings.crm().configured().account()).as("no account: the sandbox").isEmpty();
    assertThat(settings.dataDir().toString()).isEqualTo("./data");
    assertThat(settings.deliveryWorkers()).isEqualTo(4);
    assertThat(settings.activityWorkers()).isEqualTo(8);
  }

  @Test
  void aCrmsBadSettingNamesItsVariable() {
    assertThatThrownBy(
            () ->
                ServiceSettings.fromEnvironment(Map.of("ACTIVECAMPAIGN_TRACKING_RATE_LIMIT", "-3")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("ACTIVECAMPAIGN_TRACKING_RATE_LIMIT");
  }

  @Test
  void anInvalidValueNamesItsVariable() {
    assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Map.of("HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("HTTP_PORT must be a whole number");
    assertThatThrownBy(
            () -> ServiceSettings.fromEnvironment(Map.of("ACTIVECAMPAIGN_RATE_LIMIT", "-1")))
        .hasMessageStartingWith("ACTIVECAMPAIGN_RATE_LIMIT");
    assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Map.of("DATABASE_URL", "mysql://x")))
        .hasMessageStartingWith("DATABASE_URL");
    assertThatThrownBy(
            () ->
                ServiceSettings.fromEnvironment(
                    Map.of("ACTIVECAMPAIGN_API_URL", "https://acme.api-us1.com")))
        .hasMessageStartingWith("ACTIVECAMPAIGN_API_KEY is required");
    assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Map.of("LOG_FORMAT", "xml")))
        .hasMessageStartingWith("LOG_FORMAT");
    assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Map.of("RETENTION_DAYS", "1")))
        .hasMessageStartingWith("RETENTION_DAYS");
  }

  @Test
  void secretsNeverShowInTheSettings() {
    ServiceSettings settings =
        ServiceSettings.fromEnvironment(
            Map.of(
                "ACTIVECAMPAIGN_API_URL",
                "https://acme.api-us1.com",
                "ACTIVECAMPAIGN_API_KEY",
                "ac-secret-key",
                "ACTIVECAMPAIGN_ACCOUNT_ID",
                "123",
                "WRITE_KEYS",
                "wk-secret-1,wk-secret-2",
                "ADMIN_TOKEN",
                "admin-secret",
                "DATABASE_URL",
                "jdbc:postgresql://db/acdest",
                "DATABASE_PASSWORD",
                "db-secret"));
    assertThat(settings.toString())
        .doesNotContain("ac-secret-key", "wk-secret-1", "admin-secret", "db-secret")
        .contains("2 configured");
    assertThat(settings.writeKeys()).contains(java.util.List.of("wk-secret-1", "wk-secret-2"));
  }

  @Test
  void crmMailchimpTakesTheKeysDataCenterAndNeedsAnAudience() {
    ServiceSettings settings =
        ServiceSettings.fromEnvironment(
            Map.of(
                "CRM",
                "mailchimp",
                "MAILCHIMP_API_KEY",
                "0123456789abcdef-us21",
                "MAILCHIMP_AUDIENCE_ID",
                "57afe96172"));
    assertThat(settings.crm().kind().name()).isEqualTo("mailchimp");
    assertThat(settings.crm().configured().account()).isPresent();
    assertThat(settings.crm().toString()).contains("https://us21.api.mailchimp.com/3.0");
    assertThat(settings.toString()).doesNotContain("0123456789abcdef");
    assertThat(
            ServiceSettings.fromEnvironment(Map.of("CRM", "mailchimp"))
                .crm()
                .configured()
                .account())
        .isEmpty(); // the sandbox

    assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Map.of("CRM", "hubspot")))
        .hasMessageStartingWith("CRM must be activecampaign or mailchimp");
    assertThatThrownBy(
            () ->
                ServiceSettings.fromEnvironment(
                    Map.of("MAILCHIMP_API_KEY", "0123456789abcdef-us21")))
        .hasMessageStartingWith("MAILCHIMP_AUDIENCE_ID is required");
    assertThatThrownBy(
            () ->
                ServiceSettings.fromEnvironment(
                    Map.of(
                        "MAILCHIMP_API_KEY",
                        "no-data-center-here!",
                        "MAILCHIMP_AUDIENCE_ID",
                        "57afe96172")))
        .hasMessageStartingWith("MAILCHIMP_API_KEY");
    assertThatThrownBy(
            () -> ServiceSettings.fromEnvironment(Map.of("MAILCHIMP_STATUS_IF_NEW", "cleaned")))
        .hasMessageStartingWith("MAILCHIMP_STATUS_IF_NEW must be one of");
    assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Map.of("MAILCHIMP_CONNECTIONS", "11")))
        .hasMessageStartingWith("MAILCHIMP_CONNECTIONS");
  }

  @Test
  void helpListsEveryVariableWithItsDefault() {
    String help = Variable.help();
    for (Variable variable : Variable.ALL) {
      assertThat(help).contains(variable.name()).contains(variable.defaultValue());
    }
    assertThat(help).contains("ACTIVECAMPAIGN_RATE_LIMIT").contains("SEGMENT_SHARED_SECRET");
  }
}
