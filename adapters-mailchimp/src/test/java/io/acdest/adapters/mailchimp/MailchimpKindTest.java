package io.acdest.adapters.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.adapters.crm.SettingsReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mailchimp's settings, read as the service reads them from its environment (moved from bootstrap). */
class MailchimpKindTest {

  private static MailchimpKind.Read read(Map<String, String> env) {
    MailchimpKind kind = new MailchimpKind();
    return (MailchimpKind.Read)
        kind.configure(SettingsReader.environment(env, kind.variablePrefix()));
  }

  @Test
  void theKeysDataCenterNamesTheApiAndAnAudienceIsNeeded() {
    MailchimpKind.Read read =
        read(
            Map.of(
                "MAILCHIMP_API_KEY",
                "0123456789abcdef-us21",
                "MAILCHIMP_AUDIENCE_ID",
                "57afe96172"));
    assertThat(read.settings().orElseThrow().apiUrl())
        .hasToString("https://us21.api.mailchimp.com/3.0");
    assertThat(read.settings().orElseThrow().statusIfNew()).isEqualTo("subscribed");
    assertThat(read.settings().orElseThrow().connections()).isEqualTo(10);
    assertThat(read.toString()).doesNotContain("0123456789abcdef");
    assertThat(read(Map.of()).settings()).isEmpty(); // the sandbox

    assertThatThrownBy(() -> read(Map.of("MAILCHIMP_API_KEY", "0123456789abcdef-us21")))
        .hasMessage("MAILCHIMP_AUDIENCE_ID is required when MAILCHIMP_API_KEY is set");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "MAILCHIMP_API_KEY",
                        "no-data-center-here!",
                        "MAILCHIMP_AUDIENCE_ID",
                        "57afe96172")))
        .hasMessageStartingWith("MAILCHIMP_API_KEY")
        .hasMessageEndingWith("(or set MAILCHIMP_API_URL)")
        .hasMessageNotContaining("no-data-center-here");
    assertThatThrownBy(() -> read(Map.of("MAILCHIMP_STATUS_IF_NEW", "cleaned")))
        .hasMessage(
            "MAILCHIMP_STATUS_IF_NEW must be one of subscribed, pending, unsubscribed, transactional,"
                + " got 'cleaned'");
    assertThatThrownBy(() -> read(Map.of("MAILCHIMP_CONNECTIONS", "11")))
        .hasMessage("MAILCHIMP_CONNECTIONS must be a whole number from 1 to 10, got '11'");
  }
}
