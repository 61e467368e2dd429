package io.acdest.domain.port.out;

import java.util.List;

/** Outgoing port: pauses of every delivery the service is in now (a configuration error), with their reason. */
public interface DeliveryPauses {

  /** The pauses in force. */
  List<DeliveryOverview.Pause> active();
}
