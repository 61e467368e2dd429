package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.name.Names;
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
import org.junit.jupiter.api.Test;

class MessageRowTest {
  private final ObjectMapper json = Guice.createInjector(new PersistenceModule())
      .getInstance(Key.get(ObjectMapper.class, Names.named("persistence.json")));

  @Test
  void anAcceptedMessageBecomesARowWithItsRawEventAndOrderingKey() throws Exception {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "track");
    event.put("userId", "u1");
    event.put("event", "Clicked a button");
    event.put("properties", Map.of("acValue", "Signup button"));
    Instant received = Instant.parse("2026-11-28T10:00:00Z");
    NewMessage message = new NewMessage(
        new MessageKey(new SourceId("web"), new MessageId("m1")),
        new ReceivedCall(new SourceId("web"), "track", CallFields.root(event), received),
        received.minusSeconds(3), MessageState.ACCEPTED, Optional.empty(), List.of("w"), List.of(),
        Optional.of(new OrderingKey("user:u1")));

    MessageRow row = MessageRow.from(message, json);

    assertThat(row.source()).isEqualTo("web");
    assertThat(row.messageId()).isEqualTo("m1");
    assertThat(row.state()).isEqualTo("accepted");
    assertThat(row.orderingKey()).isEqualTo("user:u1");
    assertThat(row.eventTimestamp()).isEqualTo(received.minusSeconds(3));
    assertThat(json.readTree(row.payloadJson())).isEqualTo(json.valueToTree(event));
    assertThat(row.reason()).isNull();
  }
}
