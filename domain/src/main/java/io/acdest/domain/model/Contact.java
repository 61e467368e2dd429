package io.acdest.domain.model;

import java.util.Optional;

/**
 * A contact as an identify wants it in the CRM: addressed by email, with basic fields, the caller's user id as
 * the external id, and custom-field values.
 */
public record Contact(
    EmailAddress email,
    PersonName name,
    Optional<String> phone,
    Optional<String> externalId,
    CustomFieldValues customFields) {

  public Contact {
    if (email == null
        || name == null
        || phone == null
        || externalId == null
        || customFields == null) {
      throw new IllegalArgumentException(
          "every part of a contact must be given (use Optional.empty())");
    }
  }

  /** The same contact under another email. */
  public Contact withEmail(EmailAddress other) {
    return new Contact(other, name, phone, externalId, customFields);
  }

  /** Whether this identify may create the contact, or only update an existing one. */
  public ContactCreation creation() {
    return ContactCreation.evaluate(Optional.of(email), name);
  }
}
