package io.acdest.adapters.persistence;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * A message PostgreSQL refuses to hold as given, told apart from an unavailable database by its SQLState: a data
 * exception (class 22: a number, date or text out of the type's range), a program limit (class 54: a value too
 * large) or a failed check (23514) is that message's fault; anything else (connections, resources, shutdown) is the
 * store's, and stays an error of the whole request (503 upstream).
 */
final class StoreRefusal {
  private static final Set<String> DATA_CLASSES = Set.of("22", "54");
  private static final int MAX_REASON = 300;

  private StoreRefusal() {}

  static boolean isTheDatasFault(SQLException failure) {
    String state = failure.getSQLState();
    return state != null
        && (DATA_CLASSES.contains(state.substring(0, Math.min(2, state.length())))
            || state.equals("23514"));
  }

  /** What the database said, on one line and shortened: {@code value overflows numeric format}. */
  static String reason(SQLException failure) {
    String message =
        failure.getMessage() == null ? "SQLState " + failure.getSQLState() : failure.getMessage();
    String firstLine =
        message.lines().findFirst().orElse(message).replaceFirst("^ERROR: ", "").strip();
    String text = "the store cannot hold it as received: " + firstLine;
    return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
  }

  /**
   * The row that records a refused message: rejected, not queued, its time the time of receipt, and its event kept
   * as JSON text inside an object ({@code {"unstorableEvent": "..."}}), which any value fits as a string. A message
   * the mapping rules had already rejected keeps their reason, which names the field.
   */
  static MessageRow asRejected(MessageRow row, String reason, PersistenceJson json) {
    String stored =
        "rejected".equals(row.state()) && row.reason() != null
            ? row.reason() + " (the event is kept as text: " + reason + ")"
            : "unstorable: " + reason;
    return new MessageRow(
        row.source(),
        row.messageId(),
        row.type(),
        json.write(Map.of("unstorableEvent", row.payloadJson())),
        row.receivedAt(),
        row.receivedAt(),
        "rejected",
        PersistenceJson.clean(stored),
        row.warningsJson(),
        row.unmappedJson(),
        null,
        null,
        row.limits(),
        java.util.List.of());
  }
}
