package io.acdest.adapters.persistence;

import io.acdest.domain.port.out.Suppressions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** Suppressions in PostgreSQL: hashes only, looked up by an index, one query per request of calls. */
public final class JdbcSuppressions implements Suppressions {
  private static final String AMONG = "SELECT DISTINCT hash FROM suppressions WHERE hash = ANY(?)";
  private static final String INSERT =
      "INSERT INTO suppressions (id, hash, created_at) VALUES (?, ?, ?)";
  private static final String LIFT = "DELETE FROM suppressions WHERE id = ?";

  private final DataSource dataSource;

  public JdbcSuppressions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Set<String> suppressedAmong(Set<String> hashes) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(AMONG)) {
            select.setArray(1, connection.createArrayOf("text", hashes.toArray()));
            Set<String> found = new HashSet<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                found.add(row.getString(1));
              }
            }
            return found;
          }
        });
  }

  @Override
  public String suppress(Set<String> hashes, Instant at) {
    String id = UUID.randomUUID().toString();
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (String hash : hashes) {
              insert.setString(1, id);
              insert.setString(2, hash);
              Jdbc.setInstant(insert, 3, at);
              insert.addBatch();
            }
            return insert.executeBatch().length;
          }
        });
    return id;
  }

  @Override
  public boolean lift(String suppressionId) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement delete = connection.prepareStatement(LIFT)) {
            delete.setString(1, suppressionId);
            return delete.executeUpdate() > 0;
          }
        });
  }
}
