package io.acdest.domain.port.in;

import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Incoming port, driven by the delivery workers: deliver one claimed job to the CRM and record its outcome
 * (delivered, skipped with a reason, retry later, or failed).
 */
public interface DeliverCallUseCase {
  DeliveryOutcome deliver(DeliveryJob job);

  /**
   * Delivers several claimed jobs (at most one per user, as the queue hands them out); identifies that fit go to
   * the CRM together as one bulk import when there are enough of them. Returns the outcomes in job order. When
   * {@code keepGoing} turns false (the service is stopping), it stops before the next job: the outcomes returned
   * are those of the first jobs, and the rest are given back to the queue, claimable at once.
   */
  List<DeliveryOutcome> deliverAll(List<DeliveryJob> jobs, BooleanSupplier keepGoing);
}
