package io.acdest.domain.port.in;

import io.acdest.domain.call.TrackCall;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.DeliveryOutcome;

/**
 * Incoming port, driven by the delivery loop: deliver a stored track as an event of its user's contact. May throw
 * the CRM's failure.
 */
public interface TrackUseCase {
  DeliveryOutcome deliver(TrackCall call, DeliveryContext on);
}
