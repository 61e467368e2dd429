package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.zaxxer.hikari.HikariDataSource;
import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.RetryCause;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.NewMessage;
import io.acdest.domain.port.shared.RateLimiter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Details of the PostgreSQL store that the port contracts do not speak of. */
class StorageDetailsTest {
  private final PersistenceJson json = new PersistenceJson();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  private DataSource db;

  @BeforeEach
  void setUp() {
    db = TestDatabase.shared();
    TestDatabase.truncate(db);
  }

  @Test
  void attemptsAreAppendOnly() throws Exception {
    new JdbcMessageLog(db, json, clock)
        .record(List.of(Messages.accepted("m1", "u1", clock.instant())));
    DeliveryJob job =
        new JdbcDeliveryQueue(db, json, clock).claim("w", 1, Duration.ofMinutes(1)).get(0);
    new JdbcAttemptLog(db)
        .record(
            new Attempt(
                job.id(),
                "event.track",
                Optional.of(500),
                Duration.ofMillis(20),
                Optional.of("transient"),
                Optional.of("Internal Server Error"),
                clock.instant()));
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("UPDATE attempts SET http_status = 200"))
          .hasMessageContaining("attempts are append-only");
    }
  }

  @Test
  void nulCharactersAndExactDecimalsSurviveStorage() {
    MessageKey key = new MessageKey(Messages.SOURCE, new MessageId("nul\0id"));
    Map<String, Object> event =
        Map.of(
            "type",
            "track",
            "userId",
            "u\0",
            "event",
            "Clicked\0",
            "properties",
            Map.of("price", new BigDecimal("19.990"), "k\0", "v"));
    JdbcMessageLog log = new JdbcMessageLog(db, json, clock);
    log.record(
        List.of(
            new NewMessage(
                key,
                new ReceivedCall(Messages.SOURCE, "track", CallFields.root(event), clock.instant()),
                clock.instant(),
                MessageState.ACCEPTED,
                Optional.empty(),
                List.of("w\0"),
                List.of(),
                Optional.of(new OrderingKey("user:u\0")))));

    DeliveryJob job =
        new JdbcDeliveryQueue(db, json, clock).claim("w", 1, Duration.ofMinutes(1)).get(0);
    assertThat(job.message().messageId().value()).isEqualTo("nul\uFFFDid");
    assertThat(job.call().event().string("event")).contains("Clicked\uFFFD");
    assertThat(job.call().event().object("properties").raw("price"))
        .isEqualTo(new BigDecimal("19.990"));
    assertThat(log.find(key)).as("found under the same key it was stored with").isPresent();
  }

  @Test
  void theDocumentedHistoryQueryShowsEveryAttemptOfAMessage() {
    new JdbcMessageLog(db, json, clock)
        .record(
            List.of(
                Messages.accepted("m1", "u1", clock.instant()),
                Messages.accepted("quiet", "u2", clock.instant())));
    JdbcDeliveryQueue queue = new JdbcDeliveryQueue(db, json, clock);
    JdbcAttemptLog attempts = new JdbcAttemptLog(db);
    DeliveryJob job =
        queue.claim("w", 10, Duration.ofMinutes(1)).stream()
            .filter(j -> j.message().equals(Messages.key("m1")))
            .findFirst()
            .orElseThrow();
    attempts.record(
        new Attempt(
            job.id(),
            "event.track",
            Optional.of(503),
            Duration.ofMillis(40),
            Optional.of("transient"),
            Optional.of("Service Unavailable"),
            clock.instant()));
    queue.complete(
        job, new DeliveryOutcome.RetryLater(clock.instant(), RetryCause.TRANSIENT, "503"));
    clock.advance(Duration.ofSeconds(10));
    job = queue.claim("w", 10, Duration.ofMinutes(1)).get(0);
    attempts.record(
        new Attempt(
            job.id(),
            "event.track",
            Optional.of(200),
            Duration.ofMillis(30),
            Optional.empty(),
            Optional.empty(),
            clock.instant()));
    queue.complete(job, new DeliveryOutcome.Delivered(List.of()));

    List<MessageHistory.Line> history = new MessageHistory(db).of("m1");
    assertThat(history).hasSize(2);
    assertThat(history)
        .extracting(MessageHistory.Line::httpStatus)
        .containsExactly(Optional.of(503), Optional.of(200));
    assertThat(history)
        .allSatisfy(
            line -> {
              assertThat(line.state()).isEqualTo("delivered");
              assertThat(line.attempts()).contains(1);
            });
    assertThat(history.get(0).errorText()).contains("Service Unavailable");
    assertThat(new MessageHistory(db).of("quiet"))
        .singleElement()
        .satisfies(line -> assertThat(line.attemptedAt()).isEmpty());
    assertThat(new MessageHistory(db).of("unknown")).isEmpty();
    assertThat(MessageHistory.QUERY).contains("WHERE m.message_id = :message_id");
  }

  @Test
  void theModuleMigratesAndBindsEveryStoragePort() {
    DatabaseSettings settings = TestDatabase.newDatabaseSettings(4);
    Injector injector =
        Guice.createInjector(
            new PersistenceModule(settings, RetentionSettings.DEFAULTS),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Clock.class).toInstance(clock);
                bind(io.acdest.domain.model.CrmAccount.class)
                    .toInstance(new io.acdest.domain.model.CrmAccount("activecampaign:test"));
              }
            });
    MessageLog log = injector.getInstance(MessageLog.class);
    log.record(List.of(Messages.accepted("m1", "u1", clock.instant())));
    assertThat(injector.getInstance(DeliveryQueue.class).claim("w", 1, Duration.ofMinutes(1)))
        .hasSize(1);
    assertThat(
            injector
                .getInstance(io.acdest.domain.port.out.AccountStores.class)
                .directory(new io.acdest.domain.model.CrmAccount("activecampaign:test"))
                .findByUserId("u1"))
        .isEmpty();
    assertThat(injector.getInstance(AttemptLog.class)).isInstanceOf(JdbcAttemptLog.class);
    assertThat(injector.getInstance(RateLimiter.class).reserve("acct", Duration.ofMillis(200)))
        .isEqualTo(Duration.ZERO);
    assertThat(injector.getInstance(MessageReaper.class).reap()).isZero();
    ((HikariDataSource) injector.getInstance(DataSource.class)).close();
  }

  @Test
  void settingsNeverShowThePassword() {
    DatabaseSettings settings =
        new DatabaseSettings("jdbc:postgresql://db:5432/acdest", "acdest", "s3cret-pw", null);
    assertThat(settings.toString()).doesNotContain("s3cret-pw").contains("password=***");
    assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://db/x", "u", "p", null))
        .hasMessageContaining("PostgreSQL JDBC URL");
  }
}
