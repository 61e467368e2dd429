package io.acdest.adapters.persistence;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.acdest.domain.port.out.AccountStores;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.OperationsReadModel;
import io.acdest.domain.port.out.ReplayStore;
import io.acdest.domain.port.out.Suppressions;
import io.acdest.domain.port.shared.RateLimiter;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Guice module of the PostgreSQL persistence adapter: the connection pool (migrated before anything uses it)
 * and the JDBC implementations of the storage ports, those kept per CRM account through {@link AccountStores}. Needs
 * a {@link Clock} bound elsewhere.
 */
public final class PersistenceModule extends AbstractModule {
  private final DatabaseSettings database;
  private final RetentionSettings retention;
  private final boolean adoptUnattributed;

  public PersistenceModule(DatabaseSettings database, RetentionSettings retention) {
    this(database, retention, true);
  }

  /**
   * @param adoptUnattributed whether CRM contact ids learnt before they were kept per account belong to the account
   *     delivered to now ({@link JdbcContactDirectory#adoptUnattributed}); false for a built-in sandbox, which forgot
   */
  public PersistenceModule(
      DatabaseSettings database, RetentionSettings retention, boolean adoptUnattributed) {
    this.database = database;
    this.retention = retention;
    this.adoptUnattributed = adoptUnattributed;
  }

  /** A HikariCP pool for these settings. */
  public static HikariDataSource pool(DatabaseSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("acdest");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.pool().maximumSize());
    config.setMinimumIdle(settings.pool().minimumIdle());
    config.setConnectionTimeout(settings.pool().connectionTimeout().toMillis());
    config.setIdleTimeout(settings.pool().idleTimeout().toMillis());
    config.setMaxLifetime(settings.pool().maxLifetime().toMillis());
    // Notice a dead database fast (503 at once, not after seconds), and never hang on a dead
    // socket.
    config.setValidationTimeout(1_000);
    config.addDataSourceProperty(
        "connectTimeout",
        Long.toString(Math.max(1, settings.pool().connectionTimeout().toSeconds())));
    config.addDataSourceProperty("socketTimeout", "60");
    return new HikariDataSource(config);
  }

  @Provides
  @Singleton
  DataSource dataSource() {
    HikariDataSource pool = pool(database);
    try {
      DatabaseMigrations.migrate(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return pool;
  }

  @Provides
  @Singleton
  PersistenceJson json() {
    return new PersistenceJson();
  }

  @Provides
  @Singleton
  MessageLog messageLog(DataSource dataSource, PersistenceJson json, Clock clock) {
    return new JdbcMessageLog(dataSource, json, clock);
  }

  @Provides
  @Singleton
  DeliveryQueue deliveryQueue(DataSource dataSource, PersistenceJson json, Clock clock) {
    return new JdbcDeliveryQueue(dataSource, json, clock);
  }

  @Provides
  @Singleton
  ReplayStore replayStore(DataSource dataSource, PersistenceJson json) {
    return replays(dataSource, json);
  }

  /** The replay store on {@code dataSource}, for tools that run the store without an injector (benchmarks). */
  public static ReplayStore replays(DataSource dataSource, PersistenceJson json) {
    return new JdbcReplayStore(dataSource, json);
  }

  @Provides
  @Singleton
  AccountStores accountStores(DataSource dataSource, PersistenceJson json, Clock clock) {
    return new JdbcAccountStores(dataSource, json, clock, adoptUnattributed);
  }

  @Provides
  @Singleton
  AttemptLog attemptLog(DataSource dataSource) {
    return new JdbcAttemptLog(dataSource);
  }

  @Provides
  @Singleton
  RateLimiter rateLimiter(DataSource dataSource, Clock clock) {
    return new JdbcRateLimiter(dataSource, clock);
  }

  @Provides
  @Singleton
  OperationsReadModel operationsReadModel(DataSource dataSource, PersistenceJson json) {
    return new JdbcOperationsReadModel(dataSource, json);
  }

  @Provides
  @Singleton
  Suppressions suppressions(DataSource dataSource) {
    return new JdbcSuppressions(dataSource);
  }

  @Provides
  @Singleton
  MessageReaper messageReaper(DataSource dataSource, Clock clock) {
    return new MessageReaper(dataSource, clock, retention);
  }

  @Provides
  @Singleton
  MessageHistory messageHistory(DataSource dataSource) {
    return new MessageHistory(dataSource);
  }
}
