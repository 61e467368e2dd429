package io.acdest.domain.delivery;

import io.acdest.domain.call.CallType;

/**
 * Which of the CRM's request budgets a delivery draws on, so that deliveries waiting for one budget never hold up
 * deliveries that need the other (docs/behaviour.md §4): {@code CONTACTS} for what changes contacts (identify, through
 * {@code CrmContacts}), {@code ACTIVITY} for what records what contacts do (track and page, through
 * {@code CrmActivity}). Each lane has its own workers; one user's calls stay in order across both, since a job is
 * claimable only when no earlier job of its user is unfinished, whatever its lane.
 */
public enum DeliveryLane {
  CONTACTS,
  ACTIVITY;

  /** The lane of a call of this type. */
  public static DeliveryLane of(CallType type) {
    return type == CallType.IDENTIFY ? CONTACTS : ACTIVITY;
  }

  /** The lane's name as stored and shown: {@code contacts}, {@code activity}. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
