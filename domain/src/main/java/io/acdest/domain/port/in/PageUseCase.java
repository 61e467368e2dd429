package io.acdest.domain.port.in;

import io.acdest.domain.call.PageCall;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.DeliveryOutcome;

/**
 * Incoming port, driven by the delivery loop: deliver a stored page as a site visit of its user's contact. May throw
 * the CRM's failure.
 */
public interface PageUseCase {
  DeliveryOutcome deliver(PageCall call, DeliveryContext on);
}
