package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.domain.port.out.MessageLog.RecordOutcome;
import io.acdest.domain.port.out.NewMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrent requests share transactions, and each still gets exactly its own outcomes, after commit. */
class GroupCommitTest {
  private final PersistenceJson json = new PersistenceJson();
  private DataSource db;

  @BeforeEach
  void empty() {
    db = TestDatabase.shared();
    TestDatabase.truncate(db);
  }

  private long count(String sql) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void manyConcurrentRequestsShareFewerTransactionsAndKeepTheirOwnOutcomes() throws Exception {
    AtomicInteger transactions = new AtomicInteger();
    DataSource counting = new CountingDataSource(db, transactions);
    JdbcMessageLog log = new JdbcMessageLog(counting, json, Clock.systemUTC());
    ExecutorService clients = Executors.newFixedThreadPool(32);
    List<Future<List<RecordOutcome>>> requests = new ArrayList<>();
    for (int r = 0; r < 200; r++) {
      int request = r;
      requests.add(
          clients.submit(
              () -> {
                List<NewMessage> batch = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                  batch.add(
                      Messages.accepted(
                          "r" + request + "-" + i, "user-" + (i % 3), Clock.systemUTC().instant()));
                }
                batch.add(
                    Messages.accepted(
                        "shared-" + (request % 20), "user-x", Clock.systemUTC().instant()));
                return log.record(batch);
              }));
    }
    int stored = 0;
    int duplicates = 0;
    for (Future<List<RecordOutcome>> request : requests) {
      List<RecordOutcome> outcomes = request.get(60, TimeUnit.SECONDS);
      assertThat(outcomes).hasSize(11);
      assertThat(outcomes.subList(0, 10)).containsOnly(RecordOutcome.STORED);
      stored += (int) outcomes.stream().filter(o -> o == RecordOutcome.STORED).count();
      duplicates += (int) outcomes.stream().filter(o -> o == RecordOutcome.DUPLICATE).count();
    }
    clients.shutdown();
    assertThat(stored).isEqualTo(2000 + 20);
    assertThat(duplicates).isEqualTo(180);
    assertThat(count("SELECT count(*) FROM messages")).isEqualTo(2020);
    assertThat(count("SELECT count(*) FROM delivery_jobs")).isEqualTo(2020);
    assertThat(transactions.get()).as("transactions for 200 requests").isLessThan(200);
  }

  @Test
  void whenTheTransactionFailsEveryCallerInItHearsSo() {
    DataSource broken =
        new CountingDataSource(db, new AtomicInteger()) {
          @Override
          public Connection getConnection() throws SQLException {
            throw new SQLException("connection refused", "08001");
          }
        };
    JdbcMessageLog log = new JdbcMessageLog(broken, json, Clock.systemUTC());
    assertThatThrownBy(
            () -> log.record(List.of(Messages.accepted("m1", "u1", Clock.systemUTC().instant()))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("08001");
  }
}
