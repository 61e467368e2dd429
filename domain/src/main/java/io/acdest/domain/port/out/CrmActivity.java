package io.acdest.domain.port.out;

import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.model.SiteVisit;
import io.acdest.domain.model.TrackedEvent;
import java.util.Optional;

/**
 * Outgoing port: the CRM's record of what contacts do (tracked events, site visits). May throw {@link CrmFailure}.
 * Each request is filed as an attempt of the jobs the {@link DeliveryContext} names.
 * A CRM that does not keep an activity says so with {@link NotKept}: the message is then skipped with its reason,
 * never retried and never dead.
 */
public interface CrmActivity {

  /** Records an event for the contact with the event's email. */
  Outcome trackEvent(TrackedEvent event, DeliveryContext on);

  /** Records a page visit for the contact with the visit's email. */
  Outcome recordVisit(SiteVisit visit, DeliveryContext on);

  /** What the CRM made of an activity. */
  sealed interface Outcome permits Recorded, NotKept {}

  /**
   * The CRM recorded the activity; {@code note} says what the adapter had to change to fit the CRM (a name cut to
   * its limit), and is kept on the message.
   */
  record Recorded(Optional<String> note) implements Outcome {
    /** Recorded as given. */
    public Recorded() {
      this(Optional.empty());
    }
  }

  /**
   * The CRM does not keep this activity: it keeps none of its kind (e.g. no site visits), or none for this contact
   * (e.g. not one of its members); {@code reason} says which (it becomes the skipped message's reason).
   */
  record NotKept(String reason) implements Outcome {
    public NotKept {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("say why the CRM keeps no such activity");
      }
    }
  }
}
