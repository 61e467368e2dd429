package io.acdest.domain.port.out;

import java.util.List;

/** Outgoing port: pauses of every delivery the service is in now (a configuration error), with their reason. */
public interface DeliveryPauses {

  /** The pauses in force. */
  List<DeliveryOverview.Pause> active();

  /** The pause of one destination's deliveries in force, if any. */
  default java.util.Optional<DeliveryOverview.Pause> of(
      io.acdest.domain.delivery.DestinationId destination) {
    return java.util.Optional.empty();
  }
}
