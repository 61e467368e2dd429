package io.acdest.domain.model;

/**
 * The name of a tracked event: not blank, as the call gave it. A CRM's own limits (a length, the characters it
 * takes) are applied by its adapter, which says so on the message.
 */
public record EventName(String value) {
  public EventName {
    if (value == null || value.isBlank()) {
      throw new InvalidField(
          InvalidField.Code.MISSING_EVENT, "event", "is required and must not be blank");
    }
  }
}
