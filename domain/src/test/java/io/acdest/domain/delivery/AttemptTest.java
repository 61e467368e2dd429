package io.acdest.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttemptTest {
  @Test
  void longErrorTextsAreCutShort() {
    Attempt attempt =
        new Attempt(
            new JobId(1),
            "contact.sync",
            Optional.of(200),
            Duration.ofMillis(12),
            Optional.of("configuration"),
            Optional.of("<html>".repeat(1000)),
            Instant.EPOCH);
    assertThat(attempt.errorText())
        .hasValueSatisfying(t -> assertThat(t).hasSize(Attempt.MAX_ERROR_TEXT + 1).endsWith("…"));
  }
}
