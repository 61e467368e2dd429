package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.MessageSearch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What operators read from the PostgreSQL store: search (also through the directory), counts, queue, pauses. */
class OperationsReadModelTest {
  private final PersistenceJson json = new PersistenceJson();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  private DataSource db;
  private JdbcOperationsReadModel reads;

  @BeforeEach
  void setUp() {
    db = TestDatabase.shared();
    TestDatabase.truncate(db);
    reads = new JdbcOperationsReadModel(db, json);
  }

  private static MessageSearch search(String userId, String email, MessageState state) {
    return new MessageSearch(
        Optional.empty(),
        Optional.ofNullable(userId),
        Optional.ofNullable(email),
        Optional.empty(),
        Optional.ofNullable(state),
        Optional.empty(),
        Optional.empty(),
        0,
        25);
  }

  @Test
  void aPersonsCallsAreFoundByTheEmailTheDirectoryKnowsForTheirUser() {
    JdbcMessageLog log = new JdbcMessageLog(db, json, clock);
    log.record(
        List.of(
            Messages.accepted("t1", "u1", clock.instant()),
            Messages.accepted("t2", "u2", clock.instant())));
    clock.advance(Duration.ofSeconds(1));
    log.record(List.of(Messages.accepted("t3", "u1", clock.instant())));
    new JdbcContactDirectory(db, json, clock, new io.acdest.domain.model.CrmAccount("test-account"))
        .rememberEmail(UserIdentity.ofUser("u1"), new EmailAddress("jane.kim@example.com"));

    MessageSearch jane = search(null, "Jane.Kim@example.com", null);
    assertThat(reads.search(jane))
        .extracting(m -> m.message().key().messageId().value())
        .containsExactly("t3", "t1");
    assertThat(reads.count(jane)).isEqualTo(2);
    assertThat(reads.count(search("u2", null, null))).isEqualTo(1);
    assertThat(reads.count(search("u2", "jane.kim@example.com", null))).isZero();
    assertThat(reads.call(Messages.key("t1")).orElseThrow().event().asMap())
        .containsEntry("userId", "u1");
  }

  @Test
  void theOverviewsFiguresComeFromTheMessagesTheJobsAndTheBudgets() {
    JdbcMessageLog log = new JdbcMessageLog(db, json, clock);
    JdbcDeliveryQueue queue = new JdbcDeliveryQueue(db, json, clock);
    log.record(
        List.of(
            Messages.accepted("t1", "u1", clock.instant()),
            Messages.accepted("t2", "u2", clock.instant()),
            Messages.accepted("t3", "u3", clock.instant())));
    assertThat(reads.queue().depth()).isEqualTo(3);
    assertThat(reads.queue().oldestDue()).contains(clock.instant());

    List<DeliveryJob> jobs = queue.claim("w", 3, Duration.ofMinutes(1));
    clock.advance(Duration.ofSeconds(2));
    new JdbcAttemptLog(db)
        .record(
            new Attempt(
                jobs.get(0).id(),
                "event.track",
                Optional.of(422),
                Duration.ofMillis(40),
                Optional.of("client_error"),
                Optional.of("bad"),
                clock.instant(),
                Optional.of("POST /event")));
    queue.complete(jobs.get(0), new DeliveryOutcome.Failed("422 bad"));
    queue.complete(jobs.get(1), new DeliveryOutcome.Delivered(List.of()));
    queue.complete(jobs.get(2), new DeliveryOutcome.Delivered(List.of()));

    Instant anHourAgo = clock.instant().minus(Duration.ofHours(1));
    assertThat(reads.countsByTypeAndState(anHourAgo))
        .isEqualTo(Map.of("track", Map.of("delivered", 2L, "dead", 1L)));
    assertThat(reads.perMinute(anHourAgo))
        .singleElement()
        .satisfies(
            minute -> {
              assertThat(minute.delivered()).isEqualTo(2);
              assertThat(minute.dead()).isEqualTo(1);
            });
    assertThat(reads.p95AcceptToDelivered(anHourAgo)).contains(Duration.ofSeconds(2));
    assertThat(reads.queue().depth()).isZero();
    assertThat(reads.deadMatching(search(null, null, MessageState.DEAD), 10))
        .extracting(k -> k.messageId().value())
        .containsExactly(jobs.get(0).message().messageId().value());
    assertThat(new JdbcAttemptLog(db).attemptsOf(jobs.get(0).message()))
        .singleElement()
        .satisfies(attempt -> assertThat(attempt.request()).contains("POST /event"));

    new JdbcRateLimiter(db, clock).pauseUntil("rest:acct", clock.instant().plusSeconds(30));
    assertThat(reads.budgetPauses(clock.instant()))
        .extracting(DeliveryOverview.Pause::what)
        .containsExactly("requests of rest:acct");
    assertThat(reads.search(search(null, null, MessageState.DELIVERED)))
        .extracting(m -> m.message().state())
        .containsOnly(MessageState.DELIVERED)
        .hasSize(2);
  }

  @Test
  void aDestinationsReportCountsTheFunnelAndGroupsItsFailuresWithTheirLastRequest() {
    JdbcMessageLog log = new JdbcMessageLog(db, json, clock);
    JdbcDeliveryQueue queue = new JdbcDeliveryQueue(db, json, clock);
    Instant from = clock.instant().minusSeconds(1);
    log.record(
        List.of(
            Messages.accepted("t1", "u1", clock.instant()),
            Messages.accepted("t2", "u2", clock.instant()),
            Messages.accepted("t3", "u3", clock.instant()),
            Messages.accepted("t4", "u4", clock.instant()),
            Messages.accepted("t5", "u5", clock.instant())));
    List<DeliveryJob> jobs = queue.claim("w", 5, Duration.ofMinutes(1));
    clock.advance(Duration.ofSeconds(3));
    JdbcAttemptLog attempts = new JdbcAttemptLog(db);
    for (int i = 0; i < 2; i++) {
      attempts.record(
          new Attempt(
              jobs.get(i).id(),
              "contactLists.update",
              Optional.of(404),
              Duration.ofMillis(40),
              Optional.of("client_error"),
              Optional.of("No Result found for List with id " + (99 - i)),
              clock.instant(),
              Optional.of("POST /api/3/contactLists")));
      queue.complete(
          jobs.get(i),
          new DeliveryOutcome.Failed(
              "contactLists.update: 404 No Result found for List with id " + (99 - i)));
    }
    queue.complete(jobs.get(2), DeliveryOutcome.Skipped.noEmail());
    queue.complete(jobs.get(3), new DeliveryOutcome.Delivered(List.of()));

    var activity =
        reads.activity(
            io.acdest.domain.delivery.DestinationId.DEFAULT,
            from,
            clock.instant().plusSeconds(1),
            Duration.ofMinutes(1));

    assertThat(activity.funnel().received()).isEqualTo(5);
    assertThat(activity.funnel().routed()).isEqualTo(5);
    assertThat(activity.funnel().delivered()).isEqualTo(1);
    assertThat(activity.funnel().dead()).isEqualTo(2);
    assertThat(activity.funnel().pending()).as("t5 is still leased").isEqualTo(1);
    assertThat(activity.skipped())
        .singleElement()
        .satisfies(
            s -> assertThat(s.reason()).isEqualTo(DeliveryOutcome.Skipped.noEmail().reason()));
    assertThat(activity.failed()).hasSize(2).allMatch(f -> f.outcome().equals("dead"));
    assertThat(activity.buckets())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.delivered()).isEqualTo(1);
              assertThat(b.dead()).isEqualTo(2);
              assertThat(b.skipped()).isEqualTo(1);
            });
    assertThat(activity.p95AcceptToDelivered()).contains(Duration.ofSeconds(3));
    assertThat(activity.samples())
        .hasSize(2)
        .allSatisfy(
            sample -> {
              assertThat(sample.sample().request()).contains("POST /api/3/contactLists");
              assertThat(sample.sample().status()).contains(404);
              assertThat(sample.sample().answer().orElseThrow())
                  .startsWith("client_error: No Result found for List with id");
            });

    MessageSearch group =
        new MessageSearch(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(io.acdest.domain.delivery.DestinationId.DEFAULT),
            Optional.of("contactLists.update: 404 No Result found for List with id …"),
            0,
            25);
    assertThat(reads.search(group))
        .extracting(m -> m.message().key().messageId().value())
        .containsExactlyInAnyOrder(
            jobs.get(0).message().messageId().value(), jobs.get(1).message().messageId().value());
    assertThat(reads.search(group))
        .allSatisfy(
            m -> {
              assertThat(m.userId()).isPresent();
              assertThat(m.name()).contains("Clicked a button");
            });
  }
}
