package io.acdest.domain.model;

/**
 * The name of a tracked event: not blank, as the call gave it. A CRM's own limits (ActiveCampaign's 32 characters,
 * Mailchimp's 2-30 letters, digits, underscores and dashes) are applied by its adapter, which says so on the
 * message.
 */
public record EventName(String value) {
  public EventName {
    if (value == null || value.isBlank()) {
      throw new InvalidField(
          InvalidField.Code.MISSING_EVENT, "event", "is required and must not be blank");
    }
  }
}
