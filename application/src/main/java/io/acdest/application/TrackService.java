package io.acdest.application;

import io.acdest.domain.call.TrackCall;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.port.in.TrackUseCase;
import io.acdest.domain.port.out.CrmActivity;
import java.util.List;
import java.util.Optional;

/** The track use case: delivers a stored track as a tracked event for the user's contact. */
public final class TrackService implements TrackUseCase {
  private final CrmActivity crm;
  private final EmailResolver emails;

  public TrackService(CrmActivity crm, EmailResolver emails) {
    this.crm = crm;
    this.emails = emails;
  }

  /** Resolves the email now (after the user's earlier calls), then records the event (docs/mapping.md, track). */
  @Override
  public DeliveryOutcome deliver(TrackCall call, DeliveryContext on) {
    Optional<EmailAddress> email = emails.resolve(call.emailSources());
    if (email.isEmpty()) {
      return DeliveryOutcome.Skipped.noEmail();
    }
    CrmActivity.Outcome outcome = crm.trackEvent(call.toEvent(email.get()), on);
    if (outcome instanceof CrmActivity.NotKept notKept) {
      return new DeliveryOutcome.Skipped(notKept.reason());
    }
    return new DeliveryOutcome.Delivered(List.of(), ((CrmActivity.Recorded) outcome).note());
  }
}
