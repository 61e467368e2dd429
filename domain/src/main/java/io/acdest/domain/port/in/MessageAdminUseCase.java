package io.acdest.domain.port.in;

import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.out.StoredMessage;
import java.util.List;

/** Incoming port for operators: look up messages with their attempts, list them by state, retry dead ones. */
public interface MessageAdminUseCase {

  /** Every message with this messageId (one per source that sent it), with the requests made for each. */
  List<MessageDetails> find(MessageId messageId);

  /** Up to {@code limit} messages in this state, the most recently updated first. */
  List<StoredMessage> list(MessageState state, int limit);

  /** Puts the dead messages with this messageId back in the queue; how many were. */
  int retry(MessageId messageId);

  /** A message and the requests made to deliver it. */
  record MessageDetails(StoredMessage message, List<Attempt> attempts) {
    public MessageDetails {
      attempts = List.copyOf(attempts);
    }
  }
}
