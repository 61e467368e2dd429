package io.acdest.domain.port.in;

import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.JobId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Incoming port, driven by the delivery workers: deliver one claimed job to the CRM and record its outcome
 * (delivered, skipped with a reason, retry later, or failed).
 */
public interface DeliverCallUseCase {
  DeliveryOutcome deliver(DeliveryJob job);

  /**
   * Delivers several jobs claimed under {@code lease} (at most one per user, as the queue hands them out);
   * identifies that fit go to the CRM together as one bulk import when there are enough of them. The leases of the
   * jobs not yet done are renewed as it goes, and a job whose lease was lost (taken over by another worker) is not
   * started. Returns the outcomes by job, in job order. When {@code keepGoing} turns false (the service is
   * stopping), it stops before the next job: the rest are given back to the queue, claimable at once.
   */
  Map<JobId, DeliveryOutcome> deliverAll(
      List<DeliveryJob> jobs, Duration lease, BooleanSupplier keepGoing);
}
