package io.acdest.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests, one server per JVM: a Testcontainers container when a Docker engine is reachable,
 * otherwise an embedded PostgreSQL 17 (zonky), which is what runs here and in CI. Set
 * {@code ACDEST_TEST_POSTGRES=embedded} or {@code =docker} to choose. The embedded one runs with fsync off unless
 * {@code -Dacdest.test.postgres.durable=true} (benchmarks of the durable default).
 */
public final class TestDatabase {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static Server server;
  private static HikariDataSource shared;

  private TestDatabase() {}

  /** Where a test PostgreSQL server is, and how to log in. */
  private interface Server {
    String jdbcUrl(String database);

    String user();

    String password();
  }

  private static synchronized Server server() {
    if (server == null) {
      String choice = System.getenv().getOrDefault("ACDEST_TEST_POSTGRES", "auto");
      boolean docker = choice.equals("docker") || (choice.equals("auto") && dockerAvailable());
      server = docker ? container() : embedded();
    }
    return server;
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError noDocker) {
      return false;
    }
  }

  private static Server container() {
    PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
    String base = container.getJdbcUrl();
    String defaultDb = container.getDatabaseName();
    return new Server() {
      @Override
      public String jdbcUrl(String database) {
        return base.replace("/" + defaultDb, "/" + database);
      }

      @Override
      public String user() {
        return container.getUsername();
      }

      @Override
      public String password() {
        return container.getPassword();
      }
    };
  }

  private static Server embedded() {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (Boolean.getBoolean("acdest.test.postgres.durable")) {
        // what the service's embedded default runs with (decision 0013); tests run without, for
        // speed
        builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
      }
      EmbeddedPostgres postgres = builder.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException ignored) {
                      // the JVM is going away; the data directory is temporary
                    }
                  }));
      return new Server() {
        @Override
        public String jdbcUrl(String database) {
          return postgres.getJdbcUrl("postgres", database);
        }

        @Override
        public String user() {
          return "postgres";
        }

        @Override
        public String password() {
          return "";
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
    }
  }

  /** A migrated database shared by the tests of this JVM; {@link #truncate} it between tests. */
  public static synchronized DataSource shared() {
    if (shared == null) {
      shared = newDatabase(16);
      DatabaseMigrations.migrate(shared);
    }
    return shared;
  }

  /** Settings for a new, empty database of its own (not migrated), with a pool of this size. */
  public static DatabaseSettings newDatabaseSettings(int poolSize) {
    Server s = server();
    String name = "acdest_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (HikariDataSource admin =
            pool(new DatabaseSettings(s.jdbcUrl("postgres"), s.user(), s.password(), null), 1);
        Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return new DatabaseSettings(
        s.jdbcUrl(name),
        s.user(),
        s.password(),
        new DatabaseSettings.Pool(
            poolSize, 0, Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMinutes(30)));
  }

  /** A new, empty database of its own (not migrated). */
  public static HikariDataSource newDatabase(int poolSize) {
    return PersistenceModule.pool(newDatabaseSettings(poolSize));
  }

  private static HikariDataSource pool(DatabaseSettings settings, int size) {
    return PersistenceModule.pool(
        new DatabaseSettings(
            settings.jdbcUrl(),
            settings.user(),
            settings.password(),
            new DatabaseSettings.Pool(
                size, 0, Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMinutes(30))));
  }

  /** Empties every table the migrations created. */
  public static void truncate(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE messages, delivery_jobs, attempts, directory_identities, directory_aliases, "
              + "contact_sync_states, rate_limits, requests_in_flight, erasures, suppressions, replays "
              + "RESTART IDENTITY CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("could not empty the test database", e);
    }
  }
}
