package io.acdest.application.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.port.out.AttemptLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link AttemptLog}. */
public abstract class AttemptLogContract {

  /** An attempt log, and the id of a job it may record attempts for (a second one with {@code second}). */
  protected abstract AttemptLog createLog();

  protected abstract JobId job(boolean second);

  /** The message whose job is {@link #job}. */
  protected abstract MessageKey message(boolean second);

  @Test
  void attemptsAreKeptPerJobOldestFirst() {
    AttemptLog log = createLog();
    Instant t = Instant.parse("2026-11-28T10:00:00Z");
    Attempt failed =
        new Attempt(
            job(false),
            "contact.sync",
            Optional.of(503),
            Duration.ofMillis(120),
            Optional.of("transient"),
            Optional.of("Service Unavailable"),
            t);
    Attempt timedOut =
        new Attempt(
            job(false),
            "contact.sync",
            Optional.empty(),
            Duration.ofSeconds(10),
            Optional.of("timeout"),
            Optional.empty(),
            t.plusSeconds(10));
    Attempt ok =
        new Attempt(
            job(false),
            "contact.sync",
            Optional.of(200),
            Duration.ofMillis(80),
            Optional.empty(),
            Optional.empty(),
            t.plusSeconds(30));
    Attempt other =
        new Attempt(
            job(true),
            "event.track",
            Optional.of(200),
            Duration.ofMillis(50),
            Optional.empty(),
            Optional.empty(),
            t);
    log.record(ok);
    log.record(failed);
    log.record(other);
    log.record(timedOut);

    assertThat(log.attemptsOf(job(false))).containsExactly(failed, timedOut, ok);
    assertThat(log.attemptsOf(job(true))).containsExactly(other);
    assertThat(log.attemptsOf(message(false))).containsExactly(failed, timedOut, ok);
  }
}
