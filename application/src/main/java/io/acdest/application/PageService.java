package io.acdest.application;

import io.acdest.domain.call.PageCall;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.port.in.AcceptResult;
import io.acdest.domain.port.in.PageCommand;
import io.acdest.domain.port.in.PageUseCase;
import io.acdest.domain.port.out.CrmActivity;
import java.util.List;
import java.util.Optional;

/**
 * The page use case: accepts pages, and delivers one as a site visit for the user's contact (skipped, with the CRM's
 * reason, when the CRM keeps no site visits).
 */
public final class PageService implements PageUseCase {
  private final CallIntake intake;
  private final CrmActivity crm;
  private final EmailResolver emails;

  public PageService(CallIntake intake, CrmActivity crm, EmailResolver emails) {
    this.intake = intake;
    this.crm = crm;
    this.emails = emails;
  }

  @Override
  public AcceptResult page(PageCommand command) {
    return intake.acceptOne(command.call(), command.strict());
  }

  /** Delivers a mapped page (§3): resolve the email as for track, then record the visit. */
  DeliveryOutcome deliver(PageCall call) {
    Optional<EmailAddress> email = emails.resolve(call.emailSources());
    if (email.isEmpty()) {
      return DeliveryOutcome.Skipped.noEmail();
    }
    if (crm.recordVisit(call.toVisit(email.get())) instanceof CrmActivity.NotKept notKept) {
      return new DeliveryOutcome.Skipped(notKept.reason());
    }
    return new DeliveryOutcome.Delivered(List.of());
  }
}
