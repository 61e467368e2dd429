package io.acdest.application;

import io.acdest.domain.call.TrackCall;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.port.in.AcceptResult;
import io.acdest.domain.port.in.TrackCommand;
import io.acdest.domain.port.in.TrackUseCase;
import io.acdest.domain.port.out.CrmActivity;
import java.util.List;
import java.util.Optional;

/** The track use case: accepts tracks, and delivers one as a tracked event for the user's contact. */
public final class TrackService implements TrackUseCase {
  private final CallIntake intake;
  private final CrmActivity crm;
  private final EmailResolver emails;

  public TrackService(CallIntake intake, CrmActivity crm, EmailResolver emails) {
    this.intake = intake;
    this.crm = crm;
    this.emails = emails;
  }

  @Override
  public AcceptResult track(TrackCommand command) {
    return intake.acceptOne(command.call(), command.strict());
  }

  /** Delivers a mapped track (§3): resolve the email now (after the user's earlier calls), then record the event. */
  DeliveryOutcome deliver(TrackCall call) {
    Optional<EmailAddress> email = emails.resolve(call.emailSources());
    if (email.isEmpty()) {
      return DeliveryOutcome.Skipped.noEmail();
    }
    if (crm.trackEvent(call.toEvent(email.get())) instanceof CrmActivity.NotKept notKept) {
      return new DeliveryOutcome.Skipped(notKept.reason());
    }
    return new DeliveryOutcome.Delivered(List.of());
  }
}
