package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void migrationsRunOnAnEmptyDatabaseAndAgainWithoutEffect() {
    try (HikariDataSource empty = TestDatabase.newDatabase(2)) {
      assertThat(DatabaseMigrations.migrate(empty)).isGreaterThanOrEqualTo(1);
      assertThat(DatabaseMigrations.migrate(empty)).isZero();
    }
  }

  @Test
  void theJobsAreAnalysedAfterTenThousandChangesWhateverTheirNumber() throws Exception {
    try (HikariDataSource database = TestDatabase.newDatabase(2)) {
      DatabaseMigrations.migrate(database);
      try (Connection c = database.getConnection();
          Statement s = c.createStatement();
          java.sql.ResultSet options =
              s.executeQuery(
                  "SELECT unnest(reloptions) FROM pg_class WHERE relname = 'delivery_jobs'")) {
        java.util.List<String> set = new java.util.ArrayList<>();
        while (options.next()) {
          set.add(options.getString(1));
        }
        // V14: a drained queue and then a burst must not leave the claim planned on stale
        // statistics
        assertThat(set)
            .contains("autovacuum_analyze_scale_factor=0", "autovacuum_analyze_threshold=10000");
      }
    }
  }

  @Test
  void aSchemaNewerThanThisReleaseIsRefusedWithAClearMessage() throws Exception {
    try (HikariDataSource database = TestDatabase.newDatabase(2)) {
      DatabaseMigrations.migrate(database);
      try (Connection c = database.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            """
            INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                               installed_by, execution_time, success)
            VALUES (99, '99', 'from a newer release', 'SQL', 'V99__from_a_newer_release.sql', 1, 'test', 1, true)
            """);
      }
      assertThatThrownBy(() -> DatabaseMigrations.migrate(database))
          .isInstanceOf(SchemaTooNewException.class)
          .hasMessageContaining("migrations 99 that this release does not know")
          .hasMessageContaining("it knows up to version 14");
    }
  }
}
