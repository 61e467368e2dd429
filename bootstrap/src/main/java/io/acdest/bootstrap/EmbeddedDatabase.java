package io.acdest.bootstrap;

import io.acdest.adapters.persistence.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The embedded default (§6): a PostgreSQL 17 of its own under {@code DATA_DIR/postgres}, kept across restarts. */
final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDir) {
    try {
      Path directory = dataDir.resolve("postgres").toAbsolutePath();
      Files.createDirectories(directory);
      return new EmbeddedDatabase(EmbeddedPostgres.builder()
          .setDataDirectory(directory)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .start());
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL could not start under " + dataDir, e);
    }
  }

  DatabaseSettings settings(int poolSize) {
    return new DatabaseSettings(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null,
        new DatabaseSettings.Pool(poolSize, Math.min(2, poolSize), Duration.ofSeconds(5), Duration.ofMinutes(10),
            Duration.ofMinutes(30)));
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
