package io.acdest.adapters.persistence;

import io.acdest.domain.port.shared.RateLimiter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The shared request budgets in PostgreSQL, one row per budget, each step one atomic upsert, so any number of
 * workers on any number of instances draw from one budget:
 * <ul>
 *   <li>{@link #reserve}: absolute slots, the generic cell rate algorithm without burst: the slot taken is
 *       {@code max(next slot, now, paused until)} and the next slot moves one interval past it;
 *   <li>{@link #admit}: when the slot has come, the request is let go at {@code max(last sent + interval, now,
 *       paused until)}, which becomes the budget's last request: a sender that woke late for its slot pushes the
 *       next one back instead of crowding it (drill D2 in docs/reliability.md saw six arrivals in one second that way); "now" counts the
 *       time the sender queued for the row's lock; {@link #delay} moves that last request back;
 *   <li>{@link #enter} / {@link #leave}: places for requests in flight, one row per place taken in
 *       {@code requests_in_flight}, the primary key deciding who gets a place two senders race for; a place left
 *       with a time to keep it stays taken until then ({@code held_until}), which makes a sliding window; a sender
 *       may take it a little before then, told the moment it frees ({@code free_from}).
 * </ul>
 */
final class JdbcRateLimiter implements RateLimiter {
  private static final String RESERVE =
      """
      INSERT INTO rate_limits AS r (account, theoretical_arrival_time) VALUES (?, ?::timestamptz + ? * interval '1 microsecond')
      ON CONFLICT (account) DO UPDATE SET theoretical_arrival_time =
        greatest(r.theoretical_arrival_time, EXCLUDED.theoretical_arrival_time - ? * interval '1 microsecond',
                 coalesce(r.paused_until, '-infinity')) + ? * interval '1 microsecond'
      RETURNING theoretical_arrival_time, paused_until
      """;
  // "now" is the caller's time plus how long the statement has run, which includes waiting for the
  // row lock: a sender
  // that queued behind another is not admitted at a time already past. The answer says how far
  // ahead, on that clock.
  private static final String ADMIT =
      """
      INSERT INTO rate_limits AS r (account, theoretical_arrival_time, last_sent_at) VALUES (?, ?, ?)
      ON CONFLICT (account) DO UPDATE SET last_sent_at =
        greatest(coalesce(r.last_sent_at + ? * interval '1 microsecond', '-infinity'),
                 ?::timestamptz + (clock_timestamp() - statement_timestamp()), ?::timestamptz,
                 coalesce(r.paused_until, '-infinity'))
      RETURNING extract(epoch FROM last_sent_at - (?::timestamptz + (clock_timestamp() - statement_timestamp())))
                * 1000000 AS wait_micros
      """;
  private static final String PAUSE =
      """
      INSERT INTO rate_limits AS r (account, theoretical_arrival_time, paused_until) VALUES (?, ?, ?)
      ON CONFLICT (account) DO UPDATE SET paused_until = greatest(coalesce(r.paused_until, '-infinity'), EXCLUDED.paused_until)
      """;
  private static final String DELAY =
      "UPDATE rate_limits SET last_sent_at = last_sent_at + ? * interval '1 microsecond' WHERE account = ?";
  // a place free by the moment given (now, or a little ahead), picked at random among those so that
  // senders racing
  // for one rarely collide; taking a row over keeps the end of its previous keep, the moment the
  // new holder may send;
  // a collision, or a place taken meanwhile, returns no place and the sender tries again, told when
  // the earliest
  // taken place ends
  private static final String ENTER =
      """
      WITH taken AS (
        INSERT INTO requests_in_flight AS f (budget, place, holder, held_until)
        SELECT ?, p, ?, ? FROM generate_series(0, ? - 1) AS p
        WHERE NOT EXISTS (SELECT 1 FROM requests_in_flight t WHERE t.budget = ? AND t.place = p AND t.held_until > ?)
        ORDER BY random() LIMIT 1
        ON CONFLICT (budget, place) DO UPDATE
          SET holder = EXCLUDED.holder, held_until = EXCLUDED.held_until, free_from = f.held_until
          WHERE f.held_until <= ?
        RETURNING place, free_from)
      SELECT (SELECT place FROM taken) AS place, (SELECT free_from FROM taken) AS free_from,
             (SELECT min(held_until) FROM requests_in_flight WHERE budget = ? AND place < ?) AS earliest
      """;
  private static final String LEAVE =
      "DELETE FROM requests_in_flight WHERE budget = ? AND place = ? AND holder = ?";
  private static final String KEEP =
      "UPDATE requests_in_flight SET held_until = ? WHERE budget = ? AND place = ? AND holder = ?";

  /** How long a sender that found every place taken waits before it looks again, at first and at most. */
  private static final Duration FIRST_LOOK_AGAIN = Duration.ofMillis(2);

  private static final Duration LAST_LOOK_AGAIN = Duration.ofMillis(50);
  private static final String PAUSED_UNTIL =
      "SELECT paused_until FROM rate_limits WHERE account = ? AND paused_until > ?";

  private final DataSource dataSource;
  private final Clock clock;

  /**
   * Work on the budgets' rows, committed without waiting for the write-ahead log to reach the disk: they coordinate
   * requests in flight and are not a record of anything. Every request pays for several of these, and a commit that
   * waits for the disk takes tens of milliseconds while the intake writes hard (B6 in docs/performance.md: a second's burst of tracking
   * requests took half a second to leave). What PostgreSQL's own crash could lose is the last few milliseconds of
   * them: a slot or place given again once, at worst one request over the rate (a pause from Retry-After is
   * committed durably all the same).
   */
  private <T> T coordinating(Jdbc.Work<T> work) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (java.sql.Statement async = connection.createStatement()) {
            async.execute("SET LOCAL synchronous_commit = off");
          }
          return work.run(connection);
        });
  }

  public JdbcRateLimiter(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public Duration reserve(String budget, Duration interval) {
    Instant now = clock.instant();
    long intervalMicros = Jdbc.micros(interval);
    Instant slot =
        coordinating(
            connection -> {
              try (PreparedStatement reserve = connection.prepareStatement(RESERVE)) {
                reserve.setString(1, PersistenceJson.clean(budget));
                Jdbc.setInstant(reserve, 2, now);
                reserve.setLong(3, intervalMicros);
                reserve.setLong(4, intervalMicros);
                reserve.setLong(5, intervalMicros);
                try (ResultSet row = reserve.executeQuery()) {
                  row.next();
                  Instant start = Jdbc.getInstant(row, "theoretical_arrival_time").minus(interval);
                  Instant pausedUntil = Jdbc.getInstant(row, "paused_until");
                  return pausedUntil != null && pausedUntil.isAfter(start) ? pausedUntil : start;
                }
              }
            });
    return waitUntil(slot);
  }

  @Override
  public Duration admit(String budget, Duration interval, Instant notBefore) {
    Instant now = clock.instant();
    long waitMicros =
        coordinating(
            connection -> {
              try (PreparedStatement admit = connection.prepareStatement(ADMIT)) {
                admit.setString(1, PersistenceJson.clean(budget));
                Jdbc.setInstant(admit, 2, now);
                Jdbc.setInstant(admit, 3, notBefore.isAfter(now) ? notBefore : now);
                admit.setLong(4, Jdbc.micros(interval));
                Jdbc.setInstant(admit, 5, now);
                Jdbc.setInstant(admit, 6, notBefore);
                Jdbc.setInstant(admit, 7, now);
                try (ResultSet row = admit.executeQuery()) {
                  row.next();
                  return row.getLong("wait_micros");
                }
              }
            });
    // to the millisecond: the time the statement itself took is in it, to a few microseconds
    long waitMillis = Math.round(waitMicros / 1_000.0);
    return waitMillis > 0 ? Duration.ofMillis(waitMillis) : Duration.ZERO;
  }

  /**
   * Counted from the answer, not the question: time spent waiting for a connection or the row lock is already
   * waited, and counting it again would send the request late, crowding it onto the next one (drill D2, docs/reliability.md).
   */
  private Duration waitUntil(Instant at) {
    Duration wait = Duration.between(clock.instant(), at);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  @Override
  public void delay(String budget, Duration by) {
    coordinating(
        connection -> {
          try (PreparedStatement delay = connection.prepareStatement(DELAY)) {
            delay.setLong(1, Jdbc.micros(by));
            delay.setString(2, PersistenceJson.clean(budget));
            return delay.executeUpdate();
          }
        });
  }

  /**
   * {@inheritDoc} Looks for a place free within {@code ahead}; when every place is taken for longer, looks again when
   * the earliest of them is that close to its end (a place kept after its answer ends at a known moment), or after a
   * pause that doubles from 2 ms to 50 ms, whichever comes first: a place given back at once is found within 50 ms,
   * at a cost of at most 20 statements a second per waiting sender.
   */
  @Override
  public InFlight enter(String budget, int places, Duration lease, Duration ahead)
      throws InterruptedException {
    if (places < 1) {
      throw new IllegalArgumentException("a budget needs at least one place in flight");
    }
    String holder = java.util.UUID.randomUUID().toString();
    String name = PersistenceJson.clean(budget);
    Duration pause = FIRST_LOOK_AGAIN;
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("stopped while waiting for a place in flight of " + budget);
      }
      Instant now = clock.instant();
      Looked looked =
          coordinating(
              connection -> {
                try (PreparedStatement enter = connection.prepareStatement(ENTER)) {
                  enter.setString(1, name);
                  enter.setString(2, holder);
                  Jdbc.setInstant(enter, 3, now.plus(lease));
                  enter.setInt(4, places);
                  enter.setString(5, name);
                  Jdbc.setInstant(enter, 6, now.plus(ahead));
                  Jdbc.setInstant(enter, 7, now.plus(ahead));
                  enter.setString(8, name);
                  enter.setInt(9, places);
                  try (ResultSet row = enter.executeQuery()) {
                    row.next();
                    int place = row.getInt("place");
                    Optional<Integer> taken = row.wasNull() ? Optional.empty() : Optional.of(place);
                    Instant freeFrom = Jdbc.getInstant(row, "free_from");
                    return new Looked(
                        taken,
                        freeFrom != null && freeFrom.isAfter(now) ? freeFrom : now,
                        Optional.ofNullable(Jdbc.getInstant(row, "earliest")));
                  }
                }
              });
      if (looked.place().isPresent()) {
        return new InFlight(budget, looked.place().get(), holder, looked.from());
      }
      Duration untilEarliest =
          looked
              .earliestEnd()
              .map(end -> Duration.between(clock.instant(), end.minus(ahead)))
              .orElse(Duration.ZERO);
      Duration sleep = untilEarliest.compareTo(pause) < 0 ? untilEarliest : pause;
      if (sleep.isPositive()) {
        Thread.sleep(sleep);
      }
      pause =
          pause.multipliedBy(2).compareTo(LAST_LOOK_AGAIN) > 0
              ? LAST_LOOK_AGAIN
              : pause.multipliedBy(2);
    }
  }

  /** What one look for a place found: the place taken and from when, else when the earliest taken place ends. */
  private record Looked(Optional<Integer> place, Instant from, Optional<Instant> earliestEnd) {}

  @Override
  public void leave(InFlight held, Duration keep) {
    boolean kept = keep.isPositive();
    Instant until = clock.instant().plus(keep); // from now, not from when a connection is free
    coordinating(
        connection -> {
          try (PreparedStatement leave = connection.prepareStatement(kept ? KEEP : LEAVE)) {
            int at = 1;
            if (kept) {
              Jdbc.setInstant(leave, at++, until);
            }
            leave.setString(at++, PersistenceJson.clean(held.budget()));
            leave.setInt(at++, held.place());
            leave.setString(at, held.holder());
            return leave.executeUpdate();
          }
        });
  }

  @Override
  public void pauseUntil(String budget, Instant until) {
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement pause = connection.prepareStatement(PAUSE)) {
            pause.setString(1, PersistenceJson.clean(budget));
            Jdbc.setInstant(pause, 2, clock.instant());
            Jdbc.setInstant(pause, 3, until);
            return pause.executeUpdate();
          }
        });
  }

  @Override
  public Optional<Instant> pausedUntil(String budget) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(PAUSED_UNTIL)) {
            select.setString(1, PersistenceJson.clean(budget));
            Jdbc.setInstant(select, 2, clock.instant());
            try (ResultSet row = select.executeQuery()) {
              return row.next()
                  ? Optional.of(Jdbc.getInstant(row, "paused_until"))
                  : Optional.<Instant>empty();
            }
          }
        });
  }
}
