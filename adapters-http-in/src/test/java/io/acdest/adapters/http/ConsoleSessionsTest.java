package io.acdest.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
  private final MovingClock clock = new MovingClock();
  private final ConsoleSessions sessions =
      new ConsoleSessions(clock, Duration.ofMinutes(30), Duration.ofHours(2));

  @Test
  void aSessionInUseStillEndsItsAbsoluteLifetimeAfterSignIn() {
    String id = sessions.signIn();
    for (int minutes = 20; minutes < 120; minutes += 20) {
      clock.advance(Duration.ofMinutes(20));
      assertThat(sessions.signedIn(id))
          .as("used every 20 minutes, %d minutes after sign-in", minutes)
          .isTrue();
    }
    clock.advance(Duration.ofMinutes(20));
    assertThat(sessions.signedIn(id))
        .as("two hours after sign-in, however recently used")
        .isFalse();
  }

  @Test
  void aSessionUnusedForItsIdleTimeEnds() {
    String id = sessions.signIn();
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.signedIn(id)).isTrue();
    clock.advance(Duration.ofMinutes(30));
    assertThat(sessions.signedIn(id)).isFalse();
  }

  @Test
  void atMostAThousandSessionsAreKeptAndTheLeastRecentlyUsedGoesFirst() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < ConsoleSessions.MOST; i++) {
      ids.add(sessions.signIn());
    }
    assertThat(sessions.signedIn(ids.get(0)))
        .as("used just now, so no longer the least recent")
        .isTrue();
    String newest = sessions.signIn();

    assertThat(sessions.count()).isEqualTo(ConsoleSessions.MOST);
    assertThat(sessions.signedIn(newest)).isTrue();
    assertThat(sessions.signedIn(ids.get(0))).isTrue();
    assertThat(sessions.signedIn(ids.get(1))).as("the least recently used, pushed out").isFalse();
  }

  @Test
  void anUnknownOrMissingCookieIsNotSignedInAndCreatesNothing() {
    assertThat(sessions.signedIn(null)).isFalse();
    assertThat(sessions.signedIn("f".repeat(64))).isFalse();
    assertThat(sessions.count()).isZero();
  }

  private static final class MovingClock extends Clock {
    private Instant now = Instant.parse("2026-12-06T09:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
