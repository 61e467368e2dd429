package io.acdest.adapters.persistence;

import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.port.out.AttemptLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The attempt log in PostgreSQL: insert-only (a trigger refuses updates). */
public final class JdbcAttemptLog implements AttemptLog {
  private static final String INSERT =
      """
      INSERT INTO attempts (job_id, endpoint, http_status, latency_ms, error_class, error_text, attempted_at, request)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """;
  private static final String SELECT =
      """
      SELECT job_id, endpoint, http_status, latency_ms, error_class, error_text, attempted_at, request
      FROM attempts WHERE job_id = ? ORDER BY attempted_at, id
      """;
  private static final String SELECT_OF_MESSAGE =
      """
      SELECT a.job_id, a.endpoint, a.http_status, a.latency_ms, a.error_class, a.error_text, a.attempted_at, a.request
      FROM attempts a JOIN delivery_jobs j ON j.id = a.job_id JOIN messages m ON m.id = j.message_ref
      WHERE m.source = ? AND m.message_id = ? ORDER BY a.attempted_at, a.id
      """;

  private final DataSource dataSource;

  public JdbcAttemptLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void record(Attempt attempt) {
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, attempt.job().value());
            insert.setString(2, PersistenceJson.clean(attempt.endpoint()));
            if (attempt.httpStatus().isPresent()) {
              insert.setInt(3, attempt.httpStatus().get());
            } else {
              insert.setNull(3, Types.INTEGER);
            }
            insert.setLong(4, attempt.latency().toMillis());
            insert.setString(5, PersistenceJson.clean(attempt.errorClass().orElse(null)));
            insert.setString(6, PersistenceJson.clean(attempt.errorText().orElse(null)));
            Jdbc.setInstant(insert, 7, attempt.attemptedAt());
            insert.setString(8, PersistenceJson.clean(attempt.request().orElse(null)));
            return insert.executeUpdate();
          }
        });
  }

  @Override
  public List<Attempt> attemptsOf(JobId job) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setLong(1, job.value());
            return attempts(select);
          }
        });
  }

  @Override
  public List<Attempt> attemptsOf(MessageKey message) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(SELECT_OF_MESSAGE)) {
            select.setString(1, PersistenceJson.clean(message.source().value()));
            select.setString(2, PersistenceJson.clean(message.messageId().value()));
            return attempts(select);
          }
        });
  }

  private static List<Attempt> attempts(PreparedStatement select) throws SQLException {
    List<Attempt> attempts = new ArrayList<>();
    try (ResultSet row = select.executeQuery()) {
      while (row.next()) {
        int status = row.getInt("http_status");
        Optional<Integer> httpStatus = row.wasNull() ? Optional.empty() : Optional.of(status);
        attempts.add(
            new Attempt(
                new JobId(row.getLong("job_id")),
                row.getString("endpoint"),
                httpStatus,
                Duration.ofMillis(row.getLong("latency_ms")),
                Optional.ofNullable(row.getString("error_class")),
                Optional.ofNullable(row.getString("error_text")),
                Jdbc.getInstant(row, "attempted_at"),
                Optional.ofNullable(row.getString("request"))));
      }
    }
    return attempts;
  }
}
