package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.out.MessageLog.RecordOutcome;
import io.acdest.domain.port.out.NewMessage;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message PostgreSQL refuses (here: a number {@code jsonb} cannot hold, which the mapping rules would have caught
 * at intake but the store must survive anyway) is that message's problem alone: stored as rejected with the
 * database's words, never queued; the messages around it, and the requests grouped with it, are stored as usual.
 */
class StoreRefusalTest {
  private final PersistenceJson json = new PersistenceJson();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  private DataSource db;

  @BeforeEach
  void setUp() {
    db = TestDatabase.shared();
    TestDatabase.truncate(db);
  }

  private NewMessage poison(String messageId) {
    NewMessage good = Messages.accepted(messageId, "u-" + messageId, clock.instant());
    Map<String, Object> event = new LinkedHashMap<>(good.call().event().asMap());
    event.put("properties", Map.of("acValue", new BigDecimal("1e999999")));
    return new NewMessage(
        good.key(),
        new ReceivedCall(good.call().source(), "track", CallFields.root(event), clock.instant()),
        clock.instant(),
        MessageState.ACCEPTED,
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.of(new OrderingKey("user:u-" + messageId)));
  }

  @Test
  void aPoisonMessageIsStoredAsRejectedAndTheOthersOfItsRequestAsUsual() throws Exception {
    List<NewMessage> request = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      request.add(i == 6 ? poison("m" + i) : Messages.accepted("m" + i, "u" + i, clock.instant()));
    }
    List<RecordOutcome> outcomes = new JdbcMessageLog(db, json, clock).record(request);

    assertThat(outcomes.get(6))
        .isInstanceOfSatisfying(
            RecordOutcome.Refused.class,
            refused -> assertThat(refused.reason()).contains("value overflows numeric format"));
    assertThat(outcomes).filteredOn(o -> o == RecordOutcome.STORED).hasSize(8);
    assertThat(rows("SELECT message_id || ' ' || state FROM messages ORDER BY message_id"))
        .containsExactly(
            "m0 accepted",
            "m1 accepted",
            "m2 accepted",
            "m3 accepted",
            "m4 accepted",
            "m5 accepted",
            "m6 rejected",
            "m7 accepted",
            "m8 accepted");
    assertThat(
            rows(
                "SELECT m.message_id FROM delivery_jobs j JOIN messages m ON m.id = j.message_ref"))
        .as("the poison message is never queued")
        .hasSize(8)
        .doesNotContain("m6");
    assertThat(rows("SELECT reason FROM messages WHERE message_id = 'm6'"))
        .singleElement()
        .asString()
        .startsWith(
            "unstorable: the store cannot hold it as received: value overflows numeric format");
    assertThat(rows("SELECT payload->>'unstorableEvent' FROM messages WHERE message_id = 'm6'"))
        .singleElement()
        .asString()
        .as("the event is kept, as text")
        .contains("1E+999999");
  }

  @Test
  void aPoisonMessageDoesNotCostTheRequestsGroupedWithIt() throws Exception {
    JdbcMessageLog log = new JdbcMessageLog(db, json, clock);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<RecordOutcome>>> requests = new ArrayList<>();
      for (int r = 0; r < 40; r++) {
        int request = r;
        requests.add(
            pool.submit(
                () ->
                    log.record(
                        List.of(
                            Messages.accepted("r" + request + "-a", "u" + request, clock.instant()),
                            request % 10 == 3
                                ? poison("r" + request + "-p")
                                : Messages.accepted(
                                    "r" + request + "-b", "v" + request, clock.instant())))));
      }
      int refused = 0;
      int stored = 0;
      for (Future<List<RecordOutcome>> request : requests) {
        for (RecordOutcome outcome : request.get(60, TimeUnit.SECONDS)) {
          refused += outcome instanceof RecordOutcome.Refused ? 1 : 0;
          stored += outcome == RecordOutcome.STORED ? 1 : 0;
        }
      }
      assertThat(refused).isEqualTo(4);
      assertThat(stored).isEqualTo(76);
      assertThat(rows("SELECT count(*) FROM delivery_jobs")).containsExactly("76");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRefusedMessageSentAgainIsADuplicate() throws Exception {
    JdbcMessageLog log = new JdbcMessageLog(db, json, clock);
    assertThat(log.record(List.of(poison("p1"))))
        .singleElement()
        .isInstanceOf(RecordOutcome.Refused.class);
    clock.advance(Duration.ofSeconds(5));
    assertThat(log.record(List.of(poison("p1")))).containsExactly(RecordOutcome.DUPLICATE);
  }

  @Test
  void loneSurrogatesAreKeptAsReplacementCharactersNotQuestionMarks() throws Exception {
    NewMessage good = Messages.accepted("s1", "u1", clock.instant());
    Map<String, Object> event = new LinkedHashMap<>(good.call().event().asMap());
    event.put("properties", Map.of("title", "cut emoji \uD83D", "whole", "\uD83D\uDE00 ok"));
    new JdbcMessageLog(db, json, clock)
        .record(
            List.of(
                new NewMessage(
                    good.key(),
                    new ReceivedCall(
                        good.call().source(), "track", CallFields.root(event), clock.instant()),
                    clock.instant(),
                    MessageState.ACCEPTED,
                    Optional.empty(),
                    List.of(),
                    List.of(),
                    good.orderingKey())));
    assertThat(rows("SELECT payload->'properties'->>'title' FROM messages"))
        .containsExactly("cut emoji \uFFFD");
    assertThat(rows("SELECT payload->'properties'->>'whole' FROM messages"))
        .containsExactly("\uD83D\uDE00 ok");
  }

  private List<String> rows(String query) throws Exception {
    List<String> found = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      while (r.next()) {
        found.add(r.getString(1));
      }
    }
    return found;
  }
}
