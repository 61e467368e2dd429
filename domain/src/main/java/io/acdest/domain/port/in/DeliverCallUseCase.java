package io.acdest.domain.port.in;

import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;

/**
 * Incoming port, driven by the delivery workers: deliver one claimed job to the CRM and record its outcome
 * (delivered, skipped with a reason, retry later, or failed).
 */
public interface DeliverCallUseCase {
  DeliveryOutcome deliver(DeliveryJob job);
}
