package io.acdest.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.acdest.adapters.persistence.DatabaseMigrations;
import io.acdest.adapters.persistence.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The raw baseline of B1 (docs/performance.md): the same rows the accept transaction writes (a message and its delivery job per event),
 * inserted by plain JDBC batches of 100 on one connection, one transaction per batch, into a fresh database.
 */
public final class JdbcBaseline {
  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(JdbcBaseline.class.getName());

  private JdbcBaseline() {}

  /** Runs the baseline alone: {@code exec:java -Dexec.mainClass=io.acdest.benchmarks.JdbcBaseline -Dexec.args=N}. */
  public static void main(String[] args) throws SQLException {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    LOG.info(
        String.format(
            "baseline, plain JDBC batches of 100 on one connection: %d events in %.0f rows/s",
            events, rowsPerSecond(events)));
  }

  static double rowsPerSecond(int events) throws SQLException {
    try (HikariDataSource db =
        TestDatabase.newDatabase(2)) { // Flyway needs a second connection for its lock
      DatabaseMigrations.migrate(db);
      try (Connection c = db.getConnection();
          PreparedStatement message =
              c.prepareStatement(
                  """
              INSERT INTO messages (source, message_id, type, payload, received_at, event_timestamp, state, warnings,
                                    unmapped, updated_at)
              VALUES (?, ?, 'track', ?::jsonb, ?, ?, 'accepted', '[]', '[]', ?)""");
          PreparedStatement job =
              c.prepareStatement(
                  """
              INSERT INTO delivery_jobs (message_ref, ordering_key, status, due_at, accepted_at)
              SELECT id, ?, 'pending', ?, ? FROM messages WHERE source = 'baseline' AND message_id = ?""")) {
        c.setAutoCommit(false);
        Timestamp now = Timestamp.from(Instant.now());
        long start = System.nanoTime();
        for (int from = 0; from < events; from += 100) {
          for (int i = from; i < Math.min(events, from + 100); i++) {
            message.setString(1, "baseline");
            message.setString(2, "b-" + i);
            message.setString(
                3,
                "{\"type\":\"track\",\"messageId\":\"b-"
                    + i
                    + "\",\"userId\":\"user-"
                    + (i % 5000)
                    + "\",\"event\":\"Clicked a button\",\"properties\":{\"acValue\":\"Signup button\",\"plan\":\"pro\"}}");
            message.setTimestamp(4, now);
            message.setTimestamp(5, now);
            message.setTimestamp(6, now);
            message.addBatch();
            job.setString(1, "user:user-" + (i % 5000));
            job.setTimestamp(2, now);
            job.setTimestamp(3, now);
            job.setString(4, "b-" + i);
            job.addBatch();
          }
          message.executeBatch();
          job.executeBatch();
          c.commit();
        }
        return events / ((System.nanoTime() - start) / 1e9);
      }
    }
  }
}
