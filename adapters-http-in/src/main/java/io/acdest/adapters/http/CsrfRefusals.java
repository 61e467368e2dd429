package io.acdest.adapters.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the console refused for want of a CSRF token: a browser's stale page, or someone probing. One short line
 * a minute at most, saying how many were refused since the last; never a stack trace.
 */
final class CsrfRefusals {
  private static final Logger LOG = LoggerFactory.getLogger("operator");
  static final Duration QUIET = Duration.ofMinutes(1);

  private final Clock clock;
  private Instant written = Instant.MIN;
  private int since;

  CsrfRefusals(Clock clock) {
    this.clock = clock;
  }

  synchronized void note(String client, String path) {
    Instant now = clock.instant();
    if (!written.equals(Instant.MIN) && Duration.between(written, now).compareTo(QUIET) < 0) {
      since++;
      return;
    }
    LOG.atWarn()
        .addKeyValue("event", "console.csrf_refused")
        .addKeyValue("client", client)
        .addKeyValue("path", path)
        .addKeyValue("repeated", since)
        .log("event=console.csrf_refused client={} path=\"{}\" repeated={}", client, path, since);
    written = now;
    since = 0;
  }
}
