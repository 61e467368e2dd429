package io.acdest.adapters.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's signed-in sessions, kept in this process: one is made only by a sign-in with the admin token (a
 * request without a session cookie makes none), at most {@value #MOST} exist at once (past that the least recently
 * used goes), and each ends {@code idle} after its last use and {@code absolute} after its sign-in, used or not. A
 * restart signs everyone out.
 */
final class ConsoleSessions {
  static final int MOST = 1_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Session(Instant signedInAt, Instant lastUsed) {}

  private final Clock clock;
  private final Duration idle;
  private final Duration absolute;
  private final Map<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);

  ConsoleSessions(Clock clock, Duration idle, Duration absolute) {
    this.clock = clock;
    this.idle = idle;
    this.absolute = absolute;
  }

  /** A new session for an operator who just signed in; its id (32 random bytes, hex) goes in the cookie. */
  synchronized String signIn() {
    Instant now = clock.instant();
    sessions.values().removeIf(session -> ended(session, now));
    byte[] id = new byte[32];
    RANDOM.nextBytes(id);
    String key = HexFormat.of().formatHex(id);
    sessions.put(key, new Session(now, now));
    Iterator<String> leastRecent = sessions.keySet().iterator();
    while (sessions.size() > MOST) {
      leastRecent.next();
      leastRecent.remove();
    }
    return key;
  }

  /** Whether this cookie's session is signed in (and, when it is, uses it now). */
  synchronized boolean signedIn(String id) {
    if (id == null) {
      return false;
    }
    Session session = sessions.get(id);
    Instant now = clock.instant();
    if (session == null || ended(session, now)) {
      sessions.remove(id);
      return false;
    }
    sessions.put(id, new Session(session.signedInAt(), now));
    return true;
  }

  synchronized void signOut(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  synchronized int count() {
    return sessions.size();
  }

  private boolean ended(Session session, Instant now) {
    return !now.isBefore(session.lastUsed().plus(idle))
        || !now.isBefore(session.signedInAt().plus(absolute));
  }
}
