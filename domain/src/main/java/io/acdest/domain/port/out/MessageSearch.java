package io.acdest.domain.port.out;

import io.acdest.domain.call.CallType;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.report.FailureReason;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What an operator looks for among stored messages: any of a messageId, a userId, an email (the call's own, or
 * the email the contact directory knows for the call's user), a type, a state, a time range of reception, a
 * destination the call was routed to, and a failure group its delivery there is in ({@code reason}, a
 * {@link FailureReason#group}); one page of results, the newest first.
 */
public record MessageSearch(
    Optional<String> messageId,
    Optional<String> userId,
    Optional<String> email,
    Optional<CallType> type,
    Optional<MessageState> state,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<DestinationId> destination,
    Optional<String> reason,
    int offset,
    int limit) {

  /** The most messages one page holds. */
  public static final int MAX_LIMIT = 100;

  /** A search over every destination's messages. */
  public MessageSearch(
      Optional<String> messageId,
      Optional<String> userId,
      Optional<String> email,
      Optional<CallType> type,
      Optional<MessageState> state,
      Optional<Instant> from,
      Optional<Instant> to,
      int offset,
      int limit) {
    this(
        messageId,
        userId,
        email,
        type,
        state,
        from,
        to,
        Optional.empty(),
        Optional.empty(),
        offset,
        limit);
  }

  public MessageSearch {
    messageId = messageId.map(String::strip).filter(v -> !v.isEmpty());
    userId = userId.map(String::strip).filter(v -> !v.isEmpty());
    email = email.map(v -> v.strip().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty());
    reason = reason.map(String::strip).filter(v -> !v.isEmpty());
    if (offset < 0) {
      throw new InvalidField("offset", "must be 0 or more");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidField("limit", "must be from 1 to " + MAX_LIMIT);
    }
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      throw new InvalidField("to", "must not be before from");
    }
  }

  /** Every message, the first page. */
  public static MessageSearch everything() {
    return new MessageSearch(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        25);
  }

  /** The same search for its dead messages only. */
  public MessageSearch deadOnly() {
    return new MessageSearch(
        messageId,
        userId,
        email,
        type,
        Optional.of(MessageState.DEAD),
        from,
        to,
        destination,
        reason,
        0,
        limit);
  }
}
