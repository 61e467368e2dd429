package io.acdest.adapters.persistence;

import io.acdest.domain.port.out.RateLimiter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The shared rate limiter in PostgreSQL: the generic cell rate algorithm (GCRA), one row per CRM account holding
 * its theoretical arrival time (TAT). A reservation is one atomic upsert, so any number of workers on any number
 * of instances draw from one budget: with interval T and burst tolerance τ, a request reserved at {@code now}
 * takes the slot {@code start = max(TAT, now, pausedUntil)}, moves TAT to {@code start + T}, and may be sent at
 * {@code max(now, start − τ, pausedUntil)}.
 */
public final class JdbcRateLimiter implements RateLimiter {
  private static final String RESERVE = """
      INSERT INTO rate_limits AS r (account, theoretical_arrival_time) VALUES (?, ?::timestamptz + ? * interval '1 microsecond')
      ON CONFLICT (account) DO UPDATE SET theoretical_arrival_time =
        greatest(r.theoretical_arrival_time, EXCLUDED.theoretical_arrival_time - ? * interval '1 microsecond',
                 coalesce(r.paused_until, '-infinity')) + ? * interval '1 microsecond'
      RETURNING theoretical_arrival_time, paused_until
      """;
  private static final String PAUSE = """
      INSERT INTO rate_limits AS r (account, theoretical_arrival_time, paused_until) VALUES (?, ?, ?)
      ON CONFLICT (account) DO UPDATE SET paused_until = greatest(coalesce(r.paused_until, '-infinity'), EXCLUDED.paused_until)
      """;
  private static final String PAUSED_UNTIL = "SELECT paused_until FROM rate_limits WHERE account = ? AND paused_until > ?";

  private final DataSource dataSource;
  private final Clock clock;
  private final Duration interval;
  private final Duration tolerance;

  public JdbcRateLimiter(DataSource dataSource, Clock clock, RateLimitSettings settings) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.interval = settings.interval();
    this.tolerance = settings.tolerance();
  }

  @Override
  public Duration reserve(String account) {
    return reserve(account, interval, tolerance);
  }

  @Override
  public Duration reserve(String budget, Duration spacing) {
    return reserve(budget, spacing, Duration.ZERO);
  }

  private Duration reserve(String account, Duration spacing, Duration burstTolerance) {
    Instant now = clock.instant();
    long intervalMicros = Jdbc.micros(spacing);
    Instant sendAt = Jdbc.inTransaction(dataSource, connection -> {
      try (PreparedStatement reserve = connection.prepareStatement(RESERVE)) {
        reserve.setString(1, PersistenceJson.clean(account));
        Jdbc.setInstant(reserve, 2, now);
        reserve.setLong(3, intervalMicros);
        reserve.setLong(4, intervalMicros);
        reserve.setLong(5, intervalMicros);
        try (ResultSet row = reserve.executeQuery()) {
          row.next();
          Instant start = Jdbc.getInstant(row, "theoretical_arrival_time").minus(spacing);
          Instant pausedUntil = Jdbc.getInstant(row, "paused_until");
          return latest(now, start.minus(burstTolerance), pausedUntil);
        }
      }
    });
    // Counted from the answer, not the question: time spent waiting for a connection or the row lock is already
    // waited, and counting it again would send the request late, crowding it onto the next one (drill D2).
    Duration wait = Duration.between(clock.instant(), sendAt);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  @Override
  public void pauseUntil(String account, Instant until) {
    Jdbc.inTransaction(dataSource, connection -> {
      try (PreparedStatement pause = connection.prepareStatement(PAUSE)) {
        pause.setString(1, PersistenceJson.clean(account));
        Jdbc.setInstant(pause, 2, clock.instant());
        Jdbc.setInstant(pause, 3, until);
        return pause.executeUpdate();
      }
    });
  }

  @Override
  public Optional<Instant> pausedUntil(String account) {
    return Jdbc.inTransaction(dataSource, connection -> {
      try (PreparedStatement select = connection.prepareStatement(PAUSED_UNTIL)) {
        select.setString(1, PersistenceJson.clean(account));
        Jdbc.setInstant(select, 2, clock.instant());
        try (ResultSet row = select.executeQuery()) {
          return row.next() ? Optional.of(Jdbc.getInstant(row, "paused_until")) : Optional.<Instant>empty();
        }
      }
    });
  }

  private static Instant latest(Instant now, Instant start, Instant pausedUntil) {
    Instant latest = start.isAfter(now) ? start : now;
    return pausedUntil != null && pausedUntil.isAfter(latest) ? pausedUntil : latest;
  }
}
