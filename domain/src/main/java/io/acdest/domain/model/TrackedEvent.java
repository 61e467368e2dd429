package io.acdest.domain.model;

import java.time.Instant;
import java.util.Optional;

/** An event to record against a contact (the CRM's event tracking). */
public record TrackedEvent(EmailAddress email, EventName name, Optional<EventValue> value, Instant occurredAt) {
  public TrackedEvent {
    if (email == null || name == null || value == null || occurredAt == null) {
      throw new IllegalArgumentException("email, name, value and occurredAt are required");
    }
  }
}
