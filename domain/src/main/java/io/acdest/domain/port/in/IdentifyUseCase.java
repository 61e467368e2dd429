package io.acdest.domain.port.in;

import io.acdest.domain.call.IdentifyCall;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.DeliveryOutcome;
import java.util.List;
import java.util.Optional;

/**
 * Incoming port, driven by the delivery loop: deliver stored identifies to the CRM's contacts, one by one or, for a
 * backlog, as bulk imports. May throw the CRM's failure, which the loop turns into a retry or a dead message.
 */
public interface IdentifyUseCase {

  /** Delivers one identify: the contact, its custom fields, tags and list statuses, each only when it changed. */
  DeliveryOutcome deliver(IdentifyCall call, DeliveryContext on);

  /** Whether this identify may go in a bulk import at all (it has an email, and needs nothing an import lacks). */
  boolean fitsImport(IdentifyCall call);

  /** Whether a bulk import gives this identify (one that fits) the outcome it would have on its own. */
  boolean importsAlike(IdentifyCall call, DeliveryContext on);

  /**
   * Delivers these identifies as one bulk import. Per identify, in order: the traits that updated nothing, or
   * empty when the CRM refused that contact within the import (it is then delivered on its own).
   */
  List<Optional<List<String>>> importAll(List<IdentifyCall> calls, DeliveryContext on);

  /** The most contacts one bulk import carries. */
  int maxImport();

  /** The fewest contacts worth a bulk import. */
  int minImport();
}
