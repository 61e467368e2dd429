package io.acdest.bootstrap;

import io.acdest.adapters.persistence.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default (§6): a PostgreSQL 17 of its own under {@code DATA_DIR/postgres}, kept across restarts, and
 * run as a production database, not as the test library's throw-away one (decision 0013):
 * <ul>
 *   <li>durable: the library starts the server with {@code -F} (fsync off) and {@code synchronous_commit=off}; both
 *       are turned back on ({@link #DURABILITY}), so a 200 means the call is on disk (§4, "accepted means stored");
 *   <li>one service per {@code DATA_DIR} ({@link DataDirectoryLock}): a second process exits at once with a clear
 *       error and leaves the first alone;
 *   <li>after a {@code kill -9} of the service, the next start stops the server the dead one left running
 *       ({@link OrphanedPostgres}) instead of failing on its data directory;
 *   <li>a graceful stop waits until the server process has exited: nothing is left running.
 * </ul>
 */
final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  /** Server settings that override what the test library sets or leaves off. */
  static final Map<String, String> DURABILITY = Map.of(
      "fsync", "on",
      "synchronous_commit", "on",
      "full_page_writes", "on");
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private final DataDirectoryLock lock;
  private final EmbeddedPostgres postgres;
  private final Optional<ProcessHandle> server;

  private EmbeddedDatabase(DataDirectoryLock lock, EmbeddedPostgres postgres, Optional<ProcessHandle> server) {
    this.lock = lock;
    this.postgres = postgres;
    this.server = server;
  }

  /**
   * Starts the embedded server under {@code dataDir}. Throws {@link DataDirectoryLock.DataDirectoryInUse} at once
   * when another live service uses the directory.
   */
  static EmbeddedDatabase start(Path dataDir) {
    DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
    Path directory = dataDir.resolve("postgres").toAbsolutePath();
    try {
      Files.createDirectories(directory);
      OrphanedPostgres.stopIfRunning(directory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(directory)
          .setCleanDataDirectory(false)
          // the service's own shutdown hook stops the server after the workers have recorded their outcomes
          .setRegisterShutdownHook(false)
          .setPGStartupWait(Duration.ofSeconds(60));
      DURABILITY.forEach(builder::setServerConfig);
      EmbeddedPostgres postgres = builder.start();
      return new EmbeddedDatabase(lock, postgres, OrphanedPostgres.find(directory));
    } catch (IOException | RuntimeException e) {
      lock.close();
      if (e instanceof DataDirectoryLock.DataDirectoryInUse inUse) {
        throw inUse;
      }
      throw new IllegalStateException("the embedded PostgreSQL could not start under " + directory + ": "
          + e.getMessage(), e);
    }
  }

  DatabaseSettings settings(int poolSize) {
    return new DatabaseSettings(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null,
        new DatabaseSettings.Pool(poolSize, Math.min(2, poolSize), Duration.ofSeconds(5), Duration.ofMinutes(10),
            Duration.ofMinutes(30)));
  }

  /** Stops the server (fast shutdown, with a checkpoint), waits for its process to end, then releases DATA_DIR. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL did not stop cleanly", e);
    } finally {
      // the library gives pg_ctl 5 s; a server still writing its checkpoint gets the time it needs
      server.filter(ProcessHandle::isAlive).ifPresent(process -> {
        if (!OrphanedPostgres.waitForExit(process, STOP_WAIT)) {
          LOG.warn("the embedded PostgreSQL (pid {}) is still running {} s after the stop", process.pid(),
              STOP_WAIT.toSeconds());
        }
      });
      lock.close();
    }
  }
}
