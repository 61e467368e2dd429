package io.acdest.application;

import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.in.MessageAdminUseCase;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.StoredMessage;
import java.util.List;

/** The operators' use case: messages with their attempts, lists by state, and replay of dead messages. */
public final class MessageAdminService implements MessageAdminUseCase {
  /** The most messages one list returns. */
  public static final int MAX_LIST = 500;

  private final MessageLog log;
  private final DeliveryQueue queue;
  private final AttemptLog attempts;

  public MessageAdminService(MessageLog log, DeliveryQueue queue, AttemptLog attempts) {
    this.log = log;
    this.queue = queue;
    this.attempts = attempts;
  }

  @Override
  public List<MessageDetails> find(MessageId messageId) {
    return log.findAll(messageId).stream()
        .map(message -> new MessageDetails(message, attempts.attemptsOf(message.key())))
        .toList();
  }

  @Override
  public List<StoredMessage> list(MessageState state, int limit) {
    return log.list(state, Math.max(1, Math.min(limit, MAX_LIST)));
  }

  @Override
  public int retry(MessageId messageId) {
    int replayed = 0;
    for (StoredMessage message : log.findAll(messageId)) {
      if (message.state() == MessageState.DEAD && queue.replay(message.key())) {
        replayed++;
      }
    }
    return replayed;
  }
}
