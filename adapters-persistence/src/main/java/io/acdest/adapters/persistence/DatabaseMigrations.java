package io.acdest.adapters.persistence;

import java.util.Arrays;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/** Brings the schema up to date with Flyway at start-up, and refuses a schema newer than this release knows. */
public final class DatabaseMigrations {
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
    return flyway.migrate().migrationsExecuted;
  }
}
