package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcRateLimiterTest {

  /** A clock that moves 30 ms every time it is read, like time passing during a slow reservation. */
  private static final class TickingClock extends Clock {
    private Instant now = Instant.parse("2026-11-28T09:00:00Z");

    @Override
    public synchronized Instant instant() {
      Instant read = now;
      now = now.plusMillis(30);
      return read;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void theWaitCountsFromWhenTheReservationIsAnsweredSoTheRequestIsNotSentLate() {
    DataSource dataSource = TestDatabase.shared();
    TestDatabase.truncate(dataSource);
    JdbcRateLimiter limiter = new JdbcRateLimiter(dataSource, new TickingClock());
    Duration interval = Duration.ofMillis(200);

    assertThat(limiter.reserve("acct", interval)).isEqualTo(Duration.ZERO); // asked at 0, slot 0, answered at 30 ms: go
    // asked at 60 ms, slot 200 ms, answered at 90 ms: 110 ms left to wait (not the 140 ms seen when asked)
    assertThat(limiter.reserve("acct", interval)).isEqualTo(Duration.ofMillis(110));
  }
}
