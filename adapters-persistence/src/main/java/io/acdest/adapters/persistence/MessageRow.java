package io.acdest.adapters.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.port.out.NewMessage;
import java.time.Instant;
import java.util.List;

/**
 * A row of the {@code messages} table (SQL): the source id (never the write key), the messageId, the declared
 * type, the raw event as JSON text for the {@code jsonb} column, times, state and reason, warnings and unmapped
 * traits, and the ordering key of its delivery job when it has one.
 */
public record MessageRow(
    String source,
    String messageId,
    String type,
    String payloadJson,
    Instant receivedAt,
    Instant eventTimestamp,
    String state,
    String reason,
    List<String> warnings,
    List<String> unmapped,
    String orderingKey) {

  /** The row for a new message; the event tree is written as JSON. */
  public static MessageRow from(NewMessage message, ObjectMapper json) {
    try {
      return new MessageRow(
          message.key().source().value(),
          message.key().messageId().value(),
          message.call().type(),
          json.writeValueAsString(message.call().event().asMap()),
          message.call().receivedAt(),
          message.timestamp(),
          message.state().wire(),
          message.reason().orElse(null),
          message.warnings(),
          message.unmapped(),
          message.orderingKey().map(OrderingKey::value).orElse(null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed event is always writable as JSON", e);
    }
  }
}
