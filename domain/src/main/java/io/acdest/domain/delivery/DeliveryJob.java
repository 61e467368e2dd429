package io.acdest.domain.delivery;

import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.message.MessageKey;
import java.time.Instant;

/**
 * A claimed delivery: the message to deliver, the call as received (mapped again at delivery), the user it
 * orders under, how many attempts already failed, when the call was accepted (the retry window starts then),
 * the worker whose lease it is under, and the destination it delivers to.
 */
public record DeliveryJob(
    JobId id,
    MessageKey message,
    ReceivedCall call,
    OrderingKey orderingKey,
    int attempts,
    Instant acceptedAt,
    String claimedBy,
    DestinationId destination) {
  public DeliveryJob {
    if (id == null
        || destination == null
        || message == null
        || call == null
        || orderingKey == null
        || acceptedAt == null
        || attempts < 0
        || claimedBy == null) {
      throw new IllegalArgumentException(
          "a delivery job needs its id, message, call, ordering key, acceptance time, claimant and destination");
    }
  }
}
