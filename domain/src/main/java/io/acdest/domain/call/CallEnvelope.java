package io.acdest.domain.call;

import io.acdest.domain.message.MessageId;
import java.time.Instant;
import java.util.Optional;

/**
 * What every call carries besides its type-specific body: its type, who it is about, when it happened (skew
 * corrected), its {@code context} and its {@code integrations}.
 */
public record CallEnvelope(
    CallType type,
    UserIdentity identity,
    Instant timestamp,
    CallFields context,
    CallFields integrations) {

  /** Reads and checks the envelope of a received call; an invalid field is an error naming it. */
  public static CallEnvelope read(ReceivedCall call) {
    CallFields event = call.event();
    CallType type = CallType.parse(call.type());
    UserIdentity identity = UserIdentity.readFrom(event);
    Instant timestamp = timestamp(call);
    return new CallEnvelope(
        type, identity, timestamp, event.object("context"), event.object("integrations"));
  }

  /**
   * When a call that is rejected for another reason happened: its skew-corrected time (docs/behaviour.md §2) when its
   * times can be read, else the time it was received. A rejected call keeps the same clock as an accepted one.
   */
  public static Instant timestampOfRejected(ReceivedCall call) {
    try {
      return timestamp(call);
    } catch (io.acdest.domain.model.InvalidField unreadable) {
      return call.receivedAt();
    }
  }

  /**
   * docs/behaviour.md §2's skew-corrected time of a call; an error naming the field when one of its times cannot be
   * read.
   */
  private static Instant timestamp(ReceivedCall call) {
    CallFields event = call.event();
    Optional<Instant> sentAt = Timestamps.read(event, "sentAt");
    Optional<Instant> original =
        event.has("originalTimestamp")
            ? Timestamps.read(event, "originalTimestamp")
            : Timestamps.read(event, "timestamp");
    return Timestamps.correct(call.receivedAt(), sentAt, original);
  }

  /** The caller's {@code messageId}, if it sent one; an error naming the field when it is not an identifier. */
  public static Optional<MessageId> messageId(CallFields event) {
    return event.identifier("messageId").map(MessageId::new);
  }

  /** The key that orders this user's deliveries. */
  public OrderingKey orderingKey() {
    return OrderingKey.of(identity);
  }

  /** The traits the client library attached to the context ({@code context.traits}). */
  public CallFields contextTraits() {
    return context.object("traits");
  }
}
