package io.acdest.adapters.persistence;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway at start-up, and refuses a schema newer than this release knows. Says in
 * one line where the schema stands afterwards (Flyway's own lines are kept for warnings: logback.xml).
 */
public final class DatabaseMigrations {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseMigrations.class);

  private DatabaseMigrations() {}

  /**
   * Applies pending migrations ({@code classpath:db/migration}); returns how many ran. Throws
   * {@link SchemaTooNewException} when the database has migrations this release does not have.
   */
  public static int migrate(DataSource dataSource) {
    Flyway flyway =
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    MigrationInfo[] future =
        Arrays.stream(flyway.info().all())
            .filter(
                m ->
                    m.getState() == MigrationState.FUTURE_SUCCESS
                        || m.getState() == MigrationState.FUTURE_FAILED)
            .toArray(MigrationInfo[]::new);
    if (future.length > 0) {
      String known =
          Arrays.stream(flyway.info().all())
              .filter(
                  m ->
                      m.getState() != MigrationState.FUTURE_SUCCESS
                          && m.getState() != MigrationState.FUTURE_FAILED)
              .map(MigrationInfo::getVersion)
              .filter(v -> v != null)
              .max(MigrationVersion::compareTo)
              .map(MigrationVersion::toString)
              .orElse("none");
      String newer =
          Arrays.stream(future)
              .map(m -> String.valueOf(m.getVersion()))
              .collect(Collectors.joining(", "));
      throw new SchemaTooNewException(
          "the database schema has migrations "
              + newer
              + " that this release does not know (it knows up to version "
              + known
              + "): run the release that applied"
              + " them, or restore a backup taken before that upgrade");
    }
    MigrateResult result = flyway.migrate();
    LOG.info(
        "database schema at version {} ({})",
        Optional.ofNullable(result.targetSchemaVersion)
            .or(() -> Optional.ofNullable(result.initialSchemaVersion))
            .orElse("none"),
        result.migrationsExecuted == 0
            ? "up to date"
            : result.migrationsExecuted + " migrations applied now");
    return result.migrationsExecuted;
  }
}
