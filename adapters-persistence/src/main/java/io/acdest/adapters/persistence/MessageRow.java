package io.acdest.adapters.persistence;

import io.acdest.domain.call.CallType;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.port.out.NewMessage;
import java.time.Instant;
import java.util.List;

/**
 * A row of the {@code messages} table (SQL): the source id (never the write key), the messageId, the declared
 * type, the raw event as JSON text for the {@code jsonb} column, times, state and reason, warnings and unmapped
 * traits as JSON, the ordering key and lane of its delivery job when it has one, and what the call may not do
 * ({@code CallLimits}, comma-separated).
 */
record MessageRow(
    String source,
    String messageId,
    String type,
    String payloadJson,
    Instant receivedAt,
    Instant eventTimestamp,
    String state,
    String reason,
    String warningsJson,
    String unmappedJson,
    String orderingKey,
    String lane,
    String limits,
    List<String> destinations) {

  /** The row for a new message. */
  public static MessageRow from(NewMessage message, PersistenceJson json) {
    return new MessageRow(
        PersistenceJson.clean(message.key().source().value()),
        PersistenceJson.clean(message.key().messageId().value()),
        PersistenceJson.clean(message.call().type()),
        json.write(message.call().event().asMap()),
        message.call().receivedAt(),
        message.timestamp(),
        message.state().wire(),
        PersistenceJson.clean(message.reason().orElse(null)),
        json.write(message.warnings()),
        json.write(message.unmapped()),
        PersistenceJson.clean(message.orderingKey().map(OrderingKey::value).orElse(null)),
        message
            .orderingKey()
            .map(key -> DeliveryLane.of(CallType.parse(message.call().type())).wire())
            .orElse(null),
        String.join(",", new java.util.TreeSet<>(message.call().limits().names())),
        message.destinations().stream().map(DestinationId::value).toList());
  }
}
