package io.acdest.application;

import io.acdest.domain.call.PageCall;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.port.in.PageUseCase;
import io.acdest.domain.port.out.CrmActivity;
import java.util.List;
import java.util.Optional;

/**
 * The page use case: delivers a stored page as a site visit for the user's contact (skipped, with the CRM's reason,
 * when the CRM keeps no site visits).
 */
public final class PageService implements PageUseCase {
  private final CrmActivity crm;
  private final EmailResolver emails;

  public PageService(CrmActivity crm, EmailResolver emails) {
    this.crm = crm;
    this.emails = emails;
  }

  /** Resolves the email as for a track, then records the visit (docs/mapping.md, page). */
  @Override
  public DeliveryOutcome deliver(PageCall call, DeliveryContext on) {
    Optional<EmailAddress> email = emails.resolve(call.emailSources());
    if (email.isEmpty()) {
      return DeliveryOutcome.Skipped.noEmail();
    }
    if (crm.recordVisit(call.toVisit(email.get()), on) instanceof CrmActivity.NotKept notKept) {
      return new DeliveryOutcome.Skipped(notKept.reason());
    }
    return new DeliveryOutcome.Delivered(List.of());
  }
}
