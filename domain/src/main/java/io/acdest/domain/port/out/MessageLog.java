package io.acdest.domain.port.out;

import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import java.util.List;
import java.util.Optional;

/** Outgoing port: the durable audit log of every accepted call, unique by source and messageId. */
public interface MessageLog {

  /**
   * Records the messages of one request in one transaction: each new one is stored, and each {@code ACCEPTED}
   * one gets its delivery job in the same transaction; a message whose key is already stored is left as it was
   * and reported as a duplicate. A message the store cannot hold as given (a value beyond its limits that the
   * mapping rules did not catch) is that message's problem alone: it is stored as rejected, without its job and
   * with what the store said, and reported as {@link RecordOutcome.Refused}; the others are recorded as usual.
   * Returns one outcome per message, in order. Throws only when the store is unavailable (then nothing was stored).
   */
  List<RecordOutcome> record(List<NewMessage> messages);

  /** The message with this key, if it is stored. */
  Optional<StoredMessage> find(MessageKey key);

  /** Every stored message with this messageId, from any source. */
  List<StoredMessage> findAll(MessageId messageId);

  /** Up to {@code limit} messages in this state, the most recently updated first. */
  List<StoredMessage> list(MessageState state, int limit);

  /** What became of one message handed to {@link #record}. */
  sealed interface RecordOutcome {
    RecordOutcome STORED = new Stored();
    RecordOutcome DUPLICATE = new Duplicate();

    /** Stored as it came (and queued, when accepted). */
    record Stored() implements RecordOutcome {}

    /** Its key was stored before; left as it was. */
    record Duplicate() implements RecordOutcome {}

    /** The store could not hold it as given: stored as rejected, never delivered; {@code reason} says why. */
    record Refused(String reason) implements RecordOutcome {}
  }
}
