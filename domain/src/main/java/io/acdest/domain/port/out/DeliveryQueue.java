package io.acdest.domain.port.out;

import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.message.MessageKey;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Outgoing port: the durable queue of deliveries. Jobs are claimed under a lease; for one ordering key, a later
 * job is never handed out while an earlier one is unfinished.
 */
public interface DeliveryQueue {

  /**
   * Claims up to {@code limit} due jobs of these lanes to this destination for {@code worker}, leased for {@code
   * lease}; their messages become {@code delivering}. A job whose lease ran out (its worker died) can be claimed
   * again. A job is not claimable while an earlier job of its ordering key to the same destination is unfinished,
   * whatever that job's lane; another destination's jobs hold it back in nothing.
   */
  List<DeliveryJob> claim(
      String worker, DestinationId destination, Set<DeliveryLane> lanes, int limit, Duration lease);

  /** Claims due jobs of these lanes for the destination the environment variables define. */
  default List<DeliveryJob> claim(
      String worker, Set<DeliveryLane> lanes, int limit, Duration lease) {
    return claim(worker, DestinationId.DEFAULT, lanes, limit, lease);
  }

  /** Claims due jobs of every lane for the destination the environment variables define. */
  default List<DeliveryJob> claim(String worker, int limit, Duration lease) {
    return claim(worker, EnumSet.allOf(DeliveryLane.class), limit, lease);
  }

  /**
   * Records how a claimed job ended: delivered, skipped and failed finish it (the message becomes
   * {@code delivered}, {@code skipped} or {@code dead}); retry-later puts it back, due at the given time, and
   * counts an attempt only when the cause uses one. Returns false, recording nothing, when the job is no longer
   * leased to the worker that claimed it (its lease ran out and another worker took it over).
   */
  boolean complete(DeliveryJob job, DeliveryOutcome outcome);

  /**
   * Extends the leases of claimed jobs to {@code lease} from now, and returns those still leased to the worker that
   * claimed them: a job missing from the answer was taken over after its lease ran out (or finished by its new
   * worker) and must not be started. Workers call it as they go through a long claim, so that a lease never runs
   * out under a job not yet started while its worker is alive.
   */
  List<DeliveryJob> renew(List<DeliveryJob> jobs, Duration lease);

  /**
   * Marks claimed jobs as begun, just before their requests go to the CRM, extending their leases to {@code lease}
   * from now; returns those that may go. A job missing from the answer must not be sent: it was taken over, or it
   * was held back for an erasure after its claim (then it is given back as well, so the erasure need not wait for
   * it). An erasure waits only for jobs begun and still leased.
   */
  List<DeliveryJob> start(List<DeliveryJob> jobs, Duration lease);

  /**
   * Gives back a claimed job that was not started (the worker is stopping): claimable again at once, its message
   * {@code accepted} again. Does nothing when the job is no longer leased to the worker that claimed it.
   */
  void release(DeliveryJob job);

  /**
   * Puts a dead message, or one skipped while waiting for its person's email
   * ({@link DeliveryOutcome.Skipped#NO_EMAIL}), back in the queue: due now, with no attempts used and a new retry
   * window (an operator's retry). Returns false when there is no such message with this key.
   */
  boolean replay(MessageKey message);

  /**
   * Puts back in the queue, due now, the calls received since {@code since} that were skipped while waiting for an
   * email ({@link DeliveryOutcome.Skipped#NO_EMAIL}) and whose {@code userId} or {@code anonymousId} is one of
   * {@code personIds}: the person identified (or was aliased), and the contact directory now knows the email. Each
   * keeps its place in its user's order. Returns how many.
   */
  int reviveWaitingForEmail(Set<String> personIds, Instant since);

  /**
   * Ends every unfinished delivery to a destination not among {@code delivering} (it left the configuration or was
   * disabled): finished as {@link io.acdest.domain.delivery.DestinationDelivery.Status#ENDED} with the reason
   * {@link io.acdest.domain.delivery.DestinationDelivery#endedReason}, never dead, and each message's state summed
   * up again. Returns how many deliveries ended, by destination.
   */
  Map<DestinationId, Integer> endDeliveriesExcept(Set<DestinationId> delivering);

  /** How many jobs are waiting to be delivered (due or not). */
  long pending();
}
