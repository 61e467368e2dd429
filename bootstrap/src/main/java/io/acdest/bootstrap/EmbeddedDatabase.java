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
 * The embedded default (docs/behaviour.md §6): a PostgreSQL 17 of its own under {@code DATA_DIR/postgres}, kept across
 * restarts, and run as a production database, not as the test library's throw-away one (decision 0013):
 * <ul>
 *   <li>durable: the library starts the server with {@code -F} (fsync off) and {@code synchronous_commit=off}; both
 * are turned back on ({@link #DURABILITY}), so a 200 means the call is on disk (docs/behaviour.md §4, "accepted means
 * stored");   <li>one service per {@code DATA_DIR} ({@link DataDirectoryLock}): a second process exits at once with a
 * clear
 *       error and leaves the first alone;
 *   <li>after a {@code kill -9} of the service, the next start stops the server the dead one left running
 *       ({@link OrphanedPostgres}) instead of failing on its data directory;
 *   <li>a graceful stop waits until the server process has exited: nothing is left running;
 *   <li>no one on the machine gets in without the password: the library's {@code initdb} trusts every local
 *       connection, so the service sets a password (generated once, kept in {@code DATA_DIR/postgres-password},
 *       readable by its owner only) and requires it of every connection, over TCP and the Unix socket alike
 *       ({@link #PG_HBA}), and the server listens on the loopback interface only.
 * </ul>
 */
final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  /** Server settings that override what the test library sets or leaves off. */
  static final Map<String, String> DURABILITY =
      Map.of(
          "fsync", "on",
          "synchronous_commit", "on",
          "full_page_writes", "on");

  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  /** Who may connect, and how: everyone with the password, SCRAM, never {@code trust}. */
  static final String PG_HBA =
      """
      # written by ActiveCampaign Destination: every connection needs the password in DATA_DIR/postgres-password
      local all all scram-sha-256
      host  all all 127.0.0.1/32 scram-sha-256
      host  all all ::1/128 scram-sha-256
      """;

  private final DataDirectoryLock lock;
  private final EmbeddedPostgres postgres;
  private final Optional<ProcessHandle> server;
  private final String password;

  private EmbeddedDatabase(
      DataDirectoryLock lock,
      EmbeddedPostgres postgres,
      Optional<ProcessHandle> server,
      String password) {
    this.lock = lock;
    this.postgres = postgres;
    this.server = server;
    this.password = password;
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
      String password =
          SecretFile.loadOrCreate(
                  dataDir.resolve("postgres-password"),
                  () ->
                      java.util.HexFormat.of()
                          .formatHex(new java.security.SecureRandom().generateSeed(24)))
              .value();
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              // the service's own shutdown hook stops the server after the workers have recorded
              // their outcomes
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              // the library's own connections (its readiness check) authenticate as the service's
              // do
              .setConnectConfig("password", password)
              .setServerConfig("listen_addresses", "localhost");
      DURABILITY.forEach(builder::setServerConfig);
      EmbeddedPostgres postgres = builder.start();
      requirePassword(postgres, directory, password);
      return new EmbeddedDatabase(lock, postgres, OrphanedPostgres.find(directory), password);
    } catch (IOException | RuntimeException e) {
      lock.close();
      if (e instanceof DataDirectoryLock.DataDirectoryInUse inUse) {
        throw inUse;
      }
      throw new IllegalStateException(
          "the embedded PostgreSQL could not start under " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * The first start after {@code initdb} (or on a directory of an earlier release, which trusted every local
   * connection): the superuser gets the password, and {@code pg_hba.conf} requires it of everyone from then on.
   */
  private static void requirePassword(EmbeddedPostgres postgres, Path directory, String password)
      throws IOException {
    Path hba = directory.resolve("pg_hba.conf");
    if (Files.readString(hba).equals(PG_HBA)) {
      return;
    }
    try (java.sql.Connection connection = postgres.getPostgresDatabase().getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      // hex digits only: nothing to quote
      statement.execute("ALTER USER postgres PASSWORD '" + password + "'");
      Files.writeString(hba, PG_HBA);
      statement.execute("SELECT pg_reload_conf()");
    } catch (java.sql.SQLException refused) {
      throw new IllegalStateException(
          "the embedded PostgreSQL's password could not be set (if "
              + directory.getParent().resolve("postgres-password")
              + " was deleted, restore it)",
          refused);
    }
    LOG.info(
        "the embedded PostgreSQL now requires the password kept in {}",
        directory.getParent().resolve("postgres-password"));
  }

  DatabaseSettings settings(int poolSize) {
    return new DatabaseSettings(
        postgres.getJdbcUrl("postgres", "postgres"),
        "postgres",
        password,
        new DatabaseSettings.Pool(
            poolSize,
            Math.min(2, poolSize),
            Duration.ofSeconds(5),
            Duration.ofMinutes(10),
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
      server
          .filter(ProcessHandle::isAlive)
          .ifPresent(
              process -> {
                if (!OrphanedPostgres.waitForExit(process, STOP_WAIT)) {
                  LOG.warn(
                      "the embedded PostgreSQL (pid {}) is still running {} s after the stop",
                      process.pid(),
                      STOP_WAIT.toSeconds());
                }
              });
      lock.close();
    }
  }
}
