package io.acdest.domain.port.out;

import io.acdest.domain.model.SiteVisit;
import io.acdest.domain.model.TrackedEvent;

/** Outgoing port: the CRM's record of what contacts do (tracked events, site visits). May throw {@link CrmFailure}. */
public interface CrmActivity {

  /** Records an event for the contact with the event's email. */
  void trackEvent(TrackedEvent event);

  /** Records a page visit for the contact with the visit's email. */
  void recordVisit(SiteVisit visit);
}
