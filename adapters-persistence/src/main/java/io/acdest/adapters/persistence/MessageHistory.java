package io.acdest.adapters.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The whole history of a messageId: the documented query of {@code docs/operations.md}
 * ({@code db/queries/message-history.sql}), run as it is written there.
 */
final class MessageHistory {
  /** The query's text, with its {@code :message_id} parameter. */
  public static final String QUERY = load("db/queries/message-history.sql");

  /** One line of history: the message, its job, and one attempt (absent when none was made yet). */
  public record Line(
      String source,
      String messageId,
      String type,
      String state,
      Optional<String> reason,
      Instant receivedAt,
      Optional<Long> jobId,
      Optional<Integer> attempts,
      Optional<Instant> attemptedAt,
      Optional<String> endpoint,
      Optional<Integer> httpStatus,
      Optional<Duration> latency,
      Optional<String> errorClass,
      Optional<String> errorText) {}

  private final DataSource dataSource;

  public MessageHistory(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every line of history of messages with this id (one per source that sent it), oldest attempt first. */
  public List<Line> of(String messageId) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(QUERY.replace(":message_id", "?"))) {
            select.setString(1, PersistenceJson.clean(messageId));
            List<Line> lines = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                long job = row.getLong("job_id");
                Optional<Long> jobId = row.wasNull() ? Optional.empty() : Optional.of(job);
                int attempts = row.getInt("attempts");
                Optional<Integer> attemptCount =
                    row.wasNull() ? Optional.empty() : Optional.of(attempts);
                int status = row.getInt("http_status");
                Optional<Integer> httpStatus =
                    row.wasNull() ? Optional.empty() : Optional.of(status);
                long latency = row.getLong("latency_ms");
                Optional<Duration> latencyOf =
                    row.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(latency));
                lines.add(
                    new Line(
                        row.getString("source"),
                        row.getString("message_id"),
                        row.getString("type"),
                        row.getString("state"),
                        Optional.ofNullable(row.getString("reason")),
                        Jdbc.getInstant(row, "received_at"),
                        jobId,
                        attemptCount,
                        Optional.ofNullable(Jdbc.getInstant(row, "attempted_at")),
                        Optional.ofNullable(row.getString("endpoint")),
                        httpStatus,
                        latencyOf,
                        Optional.ofNullable(row.getString("error_class")),
                        Optional.ofNullable(row.getString("error_text"))));
              }
            }
            return lines;
          }
        });
  }

  private static String load(String resource) {
    try (InputStream in = MessageHistory.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
