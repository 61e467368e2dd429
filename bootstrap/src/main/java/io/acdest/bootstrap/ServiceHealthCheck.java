package io.acdest.bootstrap;

import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.port.in.ServiceHealthUseCase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Readiness (docs/behaviour.md §6): the database answers and is migrated; the ActiveCampaign settings are valid (they
 * are checked at start-up, or the sandbox is used); degraded while deliveries are paused by a configuration error.
 */
final class ServiceHealthCheck implements ServiceHealthUseCase {
  private final DataSource dataSource;
  private final List<ConfigurationPauses> pauses;
  private final boolean sandbox;

  /** @param pauses each destination's */
  ServiceHealthCheck(DataSource dataSource, List<ConfigurationPauses> pauses, boolean sandbox) {
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
    List<String> paused = new ArrayList<>();
    for (ConfigurationPauses destination : pauses) {
      destination
          .current()
          .ifPresent(
              reason ->
                  paused.add(
                      (destination.destination().equals(DestinationId.DEFAULT)
                              ? ""
                              : "destination " + destination.destination() + " ")
                          + "paused by a configuration error: "
                          + reason));
    }
    checks.put("deliveries", paused.isEmpty() ? "ok" : String.join("; ", paused));
    if (!paused.isEmpty() && status == Status.UP) {
      status = Status.DEGRADED;
    }
    return new Health(status, checks);
  }
}
