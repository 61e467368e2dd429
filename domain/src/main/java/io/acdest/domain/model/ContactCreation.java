package io.acdest.domain.model;

import java.util.Optional;

/**
 * The creation rule of docs/behaviour.md §3: a contact is created only when the identify has an {@code email} and a
 * name ({@code firstName} or {@code lastName}). Any other identify may only update a contact that already exists.
 */
public enum ContactCreation {
  /** Email and a name: the contact is created if it does not exist, updated if it does. */
  ALLOWED("email and name present"),
  /** No email: no contact can be addressed unless the user's email is known from earlier calls. */
  MISSING_EMAIL(
      "the identify has no email, and a contact is only created with an email and a first or last name"),
  /** Email but no name: an existing contact is updated, none is created. */
  MISSING_NAME(
      "the contact does not exist and the identify has no firstName or lastName, which creating one needs");

  private final String reason;

  ContactCreation(String reason) {
    this.reason = reason;
  }

  /** Applies the rule to what an identify carries. */
  public static ContactCreation evaluate(Optional<EmailAddress> email, PersonName name) {
    if (email.isEmpty()) {
      return MISSING_EMAIL;
    }
    return name.isPresent() ? ALLOWED : MISSING_NAME;
  }

  /** Why a contact may not be created, worded for the message's reason. */
  public String reason() {
    return reason;
  }
}
