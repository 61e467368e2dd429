package io.acdest.adapters.persistence;

import java.time.Duration;

/**
 * Where the database is and how the connection pool behaves. The password never appears in {@link #toString()}.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, Pool pool) {

  /** HikariCP pool settings. */
  public record Pool(
      int maximumSize,
      int minimumIdle,
      Duration connectionTimeout,
      Duration idleTimeout,
      Duration maxLifetime) {
    /** Enough for the HTTP intake and the delivery workers of one instance on a small machine. */
    public static final Pool DEFAULTS =
        new Pool(10, 2, Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofMinutes(30));

    public Pool {
      if (maximumSize < 1 || minimumIdle < 0 || minimumIdle > maximumSize) {
        throw new IllegalArgumentException(
            "the pool needs 1 or more connections, and at most that many idle");
      }
      if (connectionTimeout.toMillis() < 250) {
        throw new IllegalArgumentException("the connection timeout must be at least 250 ms");
      }
    }
  }

  public DatabaseSettings {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "the database URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db)");
    }
    if (pool == null) {
      pool = Pool.DEFAULTS;
    }
  }

  @Override
  public String toString() {
    return "DatabaseSettings[jdbcUrl="
        + jdbcUrl
        + ", user="
        + user
        + ", password="
        + (password == null ? "none" : "***")
        + ", pool="
        + pool
        + "]";
  }
}
