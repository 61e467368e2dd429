package io.acdest.domain.port.out;

import io.acdest.domain.call.CallType;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DestinationDelivery;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.replay.Replay;
import io.acdest.domain.replay.ReplayPlan;
import io.acdest.domain.replay.ReplayRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Outgoing port: replays and the calls they cover, kept with the audit log and the delivery queue. A step of a replay
 * is one transaction: its next calls, the deliveries it queues for them and its cursor move together, so a replay
 * interrupted anywhere goes on where it was and never queues a call twice; two instances never step one replay at
 * once.
 */
public interface ReplayStore {

  /**
   * How many calls the request covers, by type and by where they stand for its destination; only calls from
   * {@code fedBy} (empty: every source) and never those rejected, ignored or kept out for a suppressed person.
   */
  List<ReplayPlan.Count> coverage(ReplayRequest request, Optional<Set<SourceId>> fedBy);

  /** Records a new running replay of {@code total} calls, with its cursor before the first call it covers. */
  Replay create(ReplayRequest request, Optional<Set<SourceId>> fedBy, long total, Instant now);

  Optional<Replay> find(long id);

  /** The most recent replays, newest first. */
  List<Replay> list(int limit);

  /** The ids of running replays, oldest first. */
  List<Long> running();

  /**
   * One step of a running replay: when fewer than {@code window} of its deliveries are unfinished, takes up to about
   * {@code chunk} calls after its cursor (and the rest of the request the last one came in), asks {@code decide} for
   * each how to queue it (empty: pass it over), queues those deliveries behind live ones and moves the cursor; with
   * nothing left and nothing unfinished, the replay is done. Also raises the priority of its unfinished deliveries
   * that a live call of the same person waits behind.
   */
  Step step(
      long id,
      int chunk,
      int window,
      Function<List<Candidate>, List<Optional<Queued>>> decide,
      Instant now);

  /** Moves a replay between states: pausing and cancelling give back what it queued and has not started. */
  Optional<Replay> change(long id, Replay.State to, Instant now);

  /** A call a replay may send: as stored, and where it stands for the replay's destination. */
  record Candidate(
      ReceivedCall call,
      CallType type,
      Optional<DestinationDelivery.Status> delivery,
      boolean sentByThisReplay) {}

  /** How to queue a call: its user's ordering key and the lane of its type. */
  record Queued(OrderingKey orderingKey, DeliveryLane lane) {}

  /** What a step did. */
  enum Step {
    /** Queued calls. */
    QUEUED,
    /** Looked at calls and passed every one over. */
    PASSED,
    /** Its queue is full, or another instance is stepping it. */
    WAITING,
    /** It has just finished, or was not running. */
    IDLE
  }
}
