package io.acdest.adapters.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

  @Test
  void aKeyIsItsVariableUnderThePrefix() {
    assertThat(SettingsReader.variableName("apiUrl")).isEqualTo("API_URL");
    assertThat(SettingsReader.variableName("trackingRateLimit")).isEqualTo("TRACKING_RATE_LIMIT");
    assertThat(SettingsReader.variableName("HTTP_PORT")).isEqualTo("HTTP_PORT");
    SettingsReader env =
        SettingsReader.environment(Map.of("SHOP_API_URL", " https://x.example "), "SHOP_");
    assertThat(env.nameOf("apiUrl")).isEqualTo("SHOP_API_URL");
    assertThat(env.text("apiUrl")).contains("https://x.example");
    assertThat(env.text("apiKey")).isEmpty();
  }

  @Test
  void everyComplaintNamesTheSettingTheRuleAndTheValue() {
    SettingsReader env =
        SettingsReader.environment(
            Map.of(
                "X_PORT", "eighty", "X_RATE", "-1", "X_ON", "maybe", "X_URL", "ftp://h", "X_MODE",
                "loud"),
            "X_");
    assertThatThrownBy(() -> env.integer("port", 1, 0, 10))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("X_PORT must be a whole number from 0 to 10, got 'eighty'");
    assertThatThrownBy(() -> env.decimal("rate", 1, 0.1, 100))
        .hasMessage("X_RATE must be a number from 0.1 to 100.0, got '-1'");
    assertThatThrownBy(() -> env.flag("on", false))
        .hasMessage("X_ON must be true or false, got 'maybe'");
    assertThatThrownBy(() -> env.url("url", env.text("url").orElseThrow()))
        .hasMessage("X_URL must be an absolute http(s) URL, got 'ftp://h'");
    assertThatThrownBy(() -> env.oneOf("mode", "quiet", List.of("quiet", "normal")))
        .hasMessage("X_MODE must be one of quiet, normal, got 'loud'");
    assertThatThrownBy(() -> env.required(env.secret("key"), "key", "X_URL is set"))
        .hasMessage("X_KEY is required when X_URL is set");
    assertThat(env.integer("absent", 7, 0, 10)).isEqualTo(7);
  }

  @Test
  void aRequestWithoutAnAnswerIsDescribedByWhatHappened() {
    assertThat(CrmExchange.describe(new TimeoutException(), 500))
        .isEqualTo("timed out after 500 ms");
    assertThat(CrmExchange.describe(new ConnectException("Connection refused"), 500))
        .isEqualTo("could not connect: Connection refused");
    assertThat(CrmExchange.describe(new IllegalStateException("reset"), 500))
        .isEqualTo("connection error: reset");
  }
}
