package io.acdest.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final RetryPolicy NO_JITTER =
      new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofHours(4), 0);
  private static final Instant ACCEPTED = Instant.parse("2026-11-28T10:00:00Z");

  @Test
  void backoffStartsAtTenSecondsAndDoubles() {
    RandomGenerator any = new Random(1);
    assertThat(NO_JITTER.delayAfter(1, any)).isEqualTo(Duration.ofSeconds(10));
    assertThat(NO_JITTER.delayAfter(2, any)).isEqualTo(Duration.ofSeconds(20));
    assertThat(NO_JITTER.delayAfter(3, any)).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void backoffIsCappedAtFiveMinutes() {
    assertThat(NO_JITTER.delayAfter(6, new Random(1))).isEqualTo(Duration.ofMinutes(5));
    assertThat(NO_JITTER.delayAfter(500, new Random(1))).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void jitterSpreadsDelaysWithinTwentyPercent() {
    Random random = new Random(42);
    for (int i = 0; i < 1000; i++) {
      assertThat(RetryPolicy.DEFAULT.delayAfter(1, random))
          .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
    }
    long distinct =
        IntStream.range(0, 50)
            .mapToObj(i -> RetryPolicy.DEFAULT.delayAfter(1, random))
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(10);
  }

  @Test
  void aTransientFailureWithinTheWindowIsRetriedLater() {
    Instant now = ACCEPTED.plus(Duration.ofMinutes(1));
    DeliveryOutcome outcome =
        NO_JITTER.afterTransientFailure(1, ACCEPTED, now, "503 from CRM", new Random(1));
    assertThat(outcome)
        .isEqualTo(
            new DeliveryOutcome.RetryLater(
                now.plusSeconds(10), RetryCause.TRANSIENT, "503 from CRM"));
  }

  @Test
  void whenTheWindowRunsOutTheMessageIsDead() {
    Instant now = ACCEPTED.plus(Duration.ofHours(4)).minusSeconds(5);
    DeliveryOutcome outcome =
        NO_JITTER.afterTransientFailure(40, ACCEPTED, now, "503 from CRM", new Random(1));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            DeliveryOutcome.Failed.class,
            failed -> assertThat(failed.reason()).contains("240 minutes").contains("503 from CRM"));
  }

  @Test
  void onlyTransientRetriesUseAnAttempt() {
    assertThat(RetryCause.TRANSIENT.usesAttempt()).isTrue();
    assertThat(RetryCause.THROTTLED.usesAttempt()).isFalse();
    assertThat(RetryCause.PAUSED.usesAttempt()).isFalse();
  }
}
