package io.acdest.adapters.persistence;

import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.out.NewMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds messages for the adapter's own tests and benchmarks. */
public final class Messages {
  public static final SourceId SOURCE = new SourceId("web");

  private Messages() {}

  /** An accepted track call of this user, received at {@code at}. */
  public static NewMessage accepted(String messageId, String userId, Instant at) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "track");
    event.put("messageId", messageId);
    event.put("userId", userId);
    event.put("event", "Clicked a button");
    event.put("properties", Map.of("acValue", "Signup button", "plan", "pro"));
    return new NewMessage(
        new MessageKey(SOURCE, new MessageId(messageId)),
        new ReceivedCall(SOURCE, "track", CallFields.root(event), at),
        at,
        MessageState.ACCEPTED,
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.of(new OrderingKey("user:" + userId)));
  }

  public static MessageKey key(String messageId) {
    return new MessageKey(SOURCE, new MessageId(messageId));
  }
}
