package io.acdest.domain.port.out;

import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A call to record: its key, the call as received, the corrected timestamp, its first state (and why), what the
 * mapping warned about and left unmapped. An {@code ACCEPTED} message carries the ordering key of its delivery
 * job, and the destinations it is delivered to, each with a job of its own; no other state has either.
 */
public record NewMessage(
    MessageKey key,
    ReceivedCall call,
    Instant timestamp,
    MessageState state,
    Optional<String> reason,
    List<String> warnings,
    List<String> unmapped,
    Optional<OrderingKey> orderingKey,
    List<DestinationId> destinations) {

  public NewMessage {
    destinations = List.copyOf(destinations);
    if ((state == MessageState.ACCEPTED) == destinations.isEmpty()
        || destinations.stream().distinct().count() != destinations.size()) {
      throw new IllegalArgumentException(
          "an accepted message is delivered to one or more distinct destinations, and no other is");
    }
    warnings = List.copyOf(warnings);
    unmapped = List.copyOf(unmapped);
    if ((state == MessageState.ACCEPTED) != orderingKey.isPresent()) {
      throw new IllegalArgumentException(
          "exactly the accepted messages are queued, with an ordering key");
    }
    if (state != MessageState.ACCEPTED
        && state != MessageState.FILTERED
        && state != MessageState.IGNORED
        && state != MessageState.REJECTED) {
      throw new IllegalArgumentException(
          "a new message is accepted, filtered, ignored or rejected, not " + state);
    }
  }

  /** A message delivered, when accepted, to the one destination the environment variables define. */
  public NewMessage(
      MessageKey key,
      ReceivedCall call,
      Instant timestamp,
      MessageState state,
      Optional<String> reason,
      List<String> warnings,
      List<String> unmapped,
      Optional<OrderingKey> orderingKey) {
    this(
        key,
        call,
        timestamp,
        state,
        reason,
        warnings,
        unmapped,
        orderingKey,
        state == MessageState.ACCEPTED ? List.of(DestinationId.DEFAULT) : List.of());
  }
}
