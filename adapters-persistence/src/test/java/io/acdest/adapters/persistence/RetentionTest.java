package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.port.out.MessageLog.RecordOutcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private final PersistenceJson json = new PersistenceJson();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
  private DataSource db;
  private JdbcMessageLog log;
  private JdbcDeliveryQueue queue;

  @BeforeEach
  void setUp() {
    db = TestDatabase.shared();
    TestDatabase.truncate(db);
    log = new JdbcMessageLog(db, json, clock);
    queue = new JdbcDeliveryQueue(db, json, clock);
  }

  private long count(String table) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void expiredFinishedMessagesGoWithTheirJobsAndAttemptsInBatches() throws Exception {
    for (int i = 0; i < 5; i++) {
      log.record(List.of(Messages.accepted("old-" + i, "u" + i, clock.instant())));
    }
    log.record(List.of(Messages.accepted("old-pending", "waiting", clock.instant())));
    JdbcAttemptLog attempts = new JdbcAttemptLog(db);
    for (DeliveryJob job : queue.claim("w", 100, Duration.ofMinutes(1))) {
      attempts.record(
          new Attempt(
              job.id(),
              "event.track",
              Optional.of(200),
              Duration.ofMillis(5),
              Optional.empty(),
              Optional.empty(),
              clock.instant()));
      if (!job.message().equals(Messages.key("old-pending"))) {
        queue.complete(job, new DeliveryOutcome.Delivered(List.of()));
      }
    }
    clock.advance(Duration.ofDays(8));
    log.record(List.of(Messages.accepted("recent", "u9", clock.instant())));

    int reaped = new MessageReaper(db, clock, new RetentionSettings(Duration.ofDays(7), 2)).reap();

    assertThat(reaped).isEqualTo(5);
    assertThat(count("messages")).as("the pending old one and the recent one stay").isEqualTo(2);
    assertThat(count("delivery_jobs")).isEqualTo(2);
    assertThat(count("attempts")).isEqualTo(1);
    assertThat(log.find(Messages.key("old-pending"))).isPresent();
    assertThat(log.record(List.of(Messages.accepted("old-0", "u0", clock.instant()))))
        .as("after retention a messageId is new again")
        .containsExactly(RecordOutcome.STORED);
  }

  @Test
  void retentionUnder72HoursIsRefused() {
    assertThatThrownBy(() -> new RetentionSettings(Duration.ofHours(71), 100))
        .hasMessageContaining("at least 72 hours");
    assertThat(RetentionSettings.DEFAULTS.retention()).isEqualTo(Duration.ofDays(7));
  }
}
