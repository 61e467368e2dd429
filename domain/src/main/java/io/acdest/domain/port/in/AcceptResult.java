package io.acdest.domain.port.in;

import io.acdest.domain.call.Rejection;
import io.acdest.domain.message.MessageId;
import java.util.List;

/** What became of one received call at intake. */
public sealed interface AcceptResult
    permits AcceptResult.Accepted,
        AcceptResult.Duplicate,
        AcceptResult.Rejected,
        AcceptResult.Filtered,
        AcceptResult.Ignored {

  MessageId messageId();

  /** Stored and queued for delivery; {@code warnings} say what the mapping changed. */
  record Accepted(MessageId messageId, List<String> warnings) implements AcceptResult {
    public Accepted {
      warnings = List.copyOf(warnings);
    }
  }

  /** A call with this messageId was already accepted from this source: acknowledged, not queued again. */
  record Duplicate(MessageId messageId) implements AcceptResult {}

  /** Broke a rule: stored as rejected (unless strict) and never delivered. */
  record Rejected(MessageId messageId, Rejection rejection) implements AcceptResult {}

  /** Stored as filtered: its {@code integrations} keep it from this destination. */
  record Filtered(MessageId messageId) implements AcceptResult {}

  /** Stored as ignored: a type that is not delivered (screen, group, alias). */
  record Ignored(MessageId messageId, String reason) implements AcceptResult {}
}
