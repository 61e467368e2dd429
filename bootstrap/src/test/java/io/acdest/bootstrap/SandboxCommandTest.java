package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.adapters.activecampaign.sandbox.SandboxSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxCommandTest {
  @Test
  void optionsSetThePortKeyAndRate() {
    List<String> options = List.of("--port", "9123", "--api-key", "shared-key", "--rate", "50");
    SandboxSettings settings = SandboxCommand.settings(options);
    assertThat(SandboxCommand.port(options)).isEqualTo(9123);
    assertThat(settings.apiKey()).isEqualTo("shared-key");
    assertThat(settings.requestsPerSecond()).isEqualTo(50);
    assertThat(SandboxCommand.port(List.of())).isEqualTo(8090);
    assertThat(SandboxCommand.settings(List.of()).requestsPerSecond())
        .as("ActiveCampaign's limit")
        .isEqualTo(5);
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> SandboxCommand.port(List.of("--port", "x")))
        .hasMessageStartingWith("--port must be");
    assertThatThrownBy(() -> SandboxCommand.settings(List.of("--verbose", "1")))
        .hasMessageContaining("unknown sandbox option --verbose");
    assertThatThrownBy(() -> SandboxCommand.settings(List.of("--rate")))
        .hasMessage("--rate needs a value");
  }
}
