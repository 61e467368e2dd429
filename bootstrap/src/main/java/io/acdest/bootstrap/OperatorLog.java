package io.acdest.bootstrap;

import io.acdest.domain.message.MessageKey;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.PersonalData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The lines an operator acts on, one each, structured ({@code event=… key=value…}; with {@code LOG_FORMAT=json}, the
 * same pairs as JSON fields): a message gone dead, a pause beginning and ending, a retry and an erasure an operator
 * asked for. A line like one written in the last {@link #QUIET} is counted instead, and the next one says how many
 * were. Values are ids, states and the CRM's words, with emails masked and control characters escaped: never a secret,
 * never personal data beyond ids, never a line of a caller's making.
 */
final class OperatorLog {
  private static final Logger LOG = LoggerFactory.getLogger("operator");
  static final Duration QUIET = Duration.ofMinutes(1);
  private static final Pattern EMAIL = Pattern.compile("[^\\s@\"'<>(),;:]+@[^\\s@\"'<>(),;:]+");
  private static final Pattern NUMBERS = Pattern.compile("[0-9]+");
  private static final int MAX_VALUE = 300;

  private final Clock clock;

  /** Per kind of line (its event and its words without numbers): when it was last written, and how many since. */
  private final Map<String, Quiet> quiet = new HashMap<>();

  /** The pauses in force at the last look, by what they pause. */
  private Map<String, DeliveryOverview.Pause> pauses = new LinkedHashMap<>();

  private record Quiet(Instant written, int since) {}

  OperatorLog(Clock clock) {
    this.clock = clock;
  }

  void messageDead(MessageKey message, String type, String reason) {
    write(
        true,
        "message.dead",
        reason,
        "messageId",
        message.messageId().value(),
        "source",
        message.source().value(),
        "type",
        type,
        "reason",
        reason);
  }

  void retried(String what, int messages) {
    write(false, "operator.retry", what, "what", what, "messages", Integer.toString(messages));
  }

  void replay(String action, io.acdest.domain.replay.Replay replay) {
    write(
        false,
        "operator.replay",
        action + " replay " + replay.id(),
        "replay",
        Long.toString(replay.id()),
        "action",
        action,
        "destination",
        replay.request().destination().value(),
        "state",
        replay.state().wire(),
        "total",
        Long.toString(replay.total()),
        "done",
        Long.toString(replay.done()));
  }

  void erased(PersonalData.ErasureRecord erasure) {
    write(
        false,
        "operator.erasure",
        erasure.id(),
        "erasure",
        erasure.id(),
        "messages",
        Long.toString(erasure.erased().messages()),
        "jobs",
        Long.toString(erasure.erased().jobs()),
        "attempts",
        Long.toString(erasure.erased().attempts()),
        "directoryEntries",
        Long.toString(erasure.erased().directoryEntries()),
        "crm",
        erasure.crm(),
        "suppression",
        erasure.suppressionId().orElse("none"));
  }

  /**
   * The pauses in force now: each that was not at the last look began, each that is gone ended. Called at every change
   * of a configuration pause and every few seconds for the CRM's Retry-After pauses.
   */
  synchronized void pausesNow(List<DeliveryOverview.Pause> now) {
    Map<String, DeliveryOverview.Pause> current = new LinkedHashMap<>();
    now.forEach(pause -> current.put(pause.what(), pause));
    current.forEach(
        (scope, pause) -> {
          DeliveryOverview.Pause before = pauses.get(scope);
          if (before == null || !before.reason().equals(pause.reason())) {
            write(
                true,
                "pause.began",
                scope + pause.reason(),
                "paused",
                scope,
                "why",
                pause.reason(),
                "until",
                pause.until().map(Instant::toString).orElse("the next delivery that succeeds"));
          }
        });
    pauses.forEach(
        (scope, pause) -> {
          if (!current.containsKey(scope)) {
            write(false, "pause.ended", scope, "paused", scope, "why", pause.reason());
          }
        });
    pauses = current;
  }

  /**
   * Looks at the pauses in force every {@code every} on a thread of its own, until it is interrupted; a failed look
   * (the database down) is tried again at the next.
   */
  Thread watchPauses(
      java.util.function.Supplier<List<DeliveryOverview.Pause>> inForce, Duration every) {
    return Thread.ofVirtual()
        .name("pause-watch")
        .start(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  pausesNow(inForce.get());
                  Thread.sleep(every);
                } catch (InterruptedException stopping) {
                  return;
                } catch (RuntimeException storeDown) {
                  try {
                    Thread.sleep(every);
                  } catch (InterruptedException stopping) {
                    return;
                  }
                }
              }
            });
  }

  /** Writes one line, or counts it when one like it was written within {@link #QUIET}. */
  private void write(boolean warning, String event, String kind, String... keysAndValues) {
    Instant now = clock.instant();
    String key = event + " " + NUMBERS.matcher(kind).replaceAll("#");
    int repeated;
    synchronized (quiet) {
      Quiet last = quiet.get(key);
      if (last != null && Duration.between(last.written(), now).compareTo(QUIET) < 0) {
        quiet.put(key, new Quiet(last.written(), last.since() + 1));
        return;
      }
      repeated = last == null ? 0 : last.since();
      quiet.put(key, new Quiet(now, 0));
      if (quiet.size() > 10_000) {
        quiet
            .entrySet()
            .removeIf(e -> Duration.between(e.getValue().written(), now).compareTo(QUIET) >= 0);
      }
    }
    StringBuilder text = new StringBuilder("event=").append(event);
    LoggingEventBuilder line = (warning ? LOG.atWarn() : LOG.atInfo()).addKeyValue("event", event);
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      String value = clean(keysAndValues[i + 1]);
      text.append(' ').append(keysAndValues[i]).append('=').append(quoted(value));
      line = line.addKeyValue(keysAndValues[i], value);
    }
    if (repeated > 0) {
      text.append(" repeated=").append(repeated);
      line = line.addKeyValue("repeated", repeated);
    }
    line.log(text.toString());
  }

  /**
   * A value fit for a line: emails masked (a CRM's words may hold one), control characters escaped (a caller's
   * messageId cannot start a line of its own), at most {@value #MAX_VALUE} characters.
   */
  static String clean(String value) {
    String masked = EMAIL.matcher(value == null ? "" : value).replaceAll("<email>");
    StringBuilder clean = new StringBuilder();
    masked
        .codePoints()
        .limit(MAX_VALUE)
        .forEach(
            c -> {
              if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                clean.append(String.format("\\u%04x", c));
              } else {
                clean.appendCodePoint(c);
              }
            });
    return masked.codePointCount(0, masked.length()) > MAX_VALUE ? clean + "…" : clean.toString();
  }

  private static String quoted(String value) {
    return value.isEmpty() || value.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=')
        ? "\"" + value.replace("\"", "\\\"") + "\""
        : value;
  }
}
