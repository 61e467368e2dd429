package io.acdest.domain.port.out;

import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.DestinationDelivery;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.message.MessageKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Outgoing port: what operators read about stored messages and the queue, beyond one message at a time. */
public interface OperationsReadModel {

  /** One page of the messages that match, the newest first. */
  List<MessageSummary> search(MessageSearch search);

  /** How many messages match in all. */
  long count(MessageSearch search);

  /** The keys of the dead messages that match, at most {@code max}. */
  List<MessageKey> deadMatching(MessageSearch search, int max);

  /** The call's delivery to each destination it was routed to, in the order they were made. */
  List<DestinationDelivery> deliveries(MessageKey key);

  /** Per destination: deliveries unfinished, and delivered and dead since {@code since}. */
  Map<DestinationId, DestinationCounts> destinationCounts(Instant since);

  /** A destination's deliveries: unfinished, and delivered and dead in a window. */
  record DestinationCounts(long pending, long delivered, long dead) {}

  /** The call as it was received and stored. */
  Optional<ReceivedCall> call(MessageKey key);

  /** Messages received since then, by type, then by state. */
  Map<String, Map<String, Long>> countsByTypeAndState(Instant since);

  /** Messages delivered and dead per minute since then, the oldest minute first; minutes without either left out. */
  List<DeliveryOverview.MinuteCounts> perMinute(Instant since);

  /** The 95th percentile of acceptance to delivery of the messages delivered since then, if any were. */
  Optional<Duration> p95AcceptToDelivered(Instant since);

  /** Jobs waiting to be delivered, and when the oldest of them became due. */
  QueueState queue();

  /**
   * What became of the calls received from {@code from} to {@code to} for this destination, outcomes per
   * {@code bucket} of finishing time, and its skipped and failed deliveries by reason (docs/behaviour.md §8).
   */
  DestinationActivity activity(
      DestinationId destination, Instant from, Instant to, Duration bucket);

  /** The request budgets paused now (a CRM's Retry-After), with their end. */
  List<DeliveryOverview.Pause> budgetPauses(Instant now);

  /** The queue at a glance. */
  record QueueState(long depth, Optional<Instant> oldestDue) {}
}
