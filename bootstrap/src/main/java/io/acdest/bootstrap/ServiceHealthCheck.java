package io.acdest.bootstrap;

import io.acdest.domain.port.in.ServiceHealthUseCase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Readiness (docs/behaviour.md §6): the database answers and is migrated; the ActiveCampaign settings are valid (they
 * are checked at start-up, or the sandbox is used); degraded while deliveries are paused by a configuration error.
 */
final class ServiceHealthCheck implements ServiceHealthUseCase {
  private final DataSource dataSource;
  private final ConfigurationPauses pauses;
  private final boolean sandbox;

  ServiceHealthCheck(DataSource dataSource, ConfigurationPauses pauses, boolean sandbox) {
    this.dataSource = dataSource;
    this.pauses = pauses;
    this.sandbox = sandbox;
  }

  @Override
  public Health check() {
    Map<String, String> checks = new LinkedHashMap<>();
    Status status = Status.UP;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet migrated =
            statement.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
      migrated.next();
      checks.put("database", migrated.getLong(1) > 0 ? "ok" : "not migrated");
      if (migrated.getLong(1) == 0) {
        status = Status.DOWN;
      }
    } catch (SQLException | RuntimeException unreachable) {
      checks.put("database", "unreachable: " + unreachable.getMessage());
      status = Status.DOWN;
    }
    checks.put(
        "activeCampaign",
        sandbox ? "ok (the built-in sandbox: nothing reaches a real account)" : "ok");
    Optional<String> paused = pauses.current();
    checks.put(
        "deliveries",
        paused.map(reason -> "paused by a configuration error: " + reason).orElse("ok"));
    if (paused.isPresent() && status == Status.UP) {
      status = Status.DEGRADED;
    }
    return new Health(status, checks);
  }
}
