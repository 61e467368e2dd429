package io.acdest.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "A new contact will only be created if the identify call has a name (firstName OR lastName) AND an email trait." */
class ContactCreationTest {
  private static final Optional<EmailAddress> JANE =
      Optional.of(new EmailAddress("jane.kim@example.com"));

  @Test
  void janeKimWithEmailAndNameMayBeCreated() {
    PersonName name = new PersonName(Optional.of("Jane"), Optional.of("Kim"));
    assertThat(ContactCreation.evaluate(JANE, name)).isEqualTo(ContactCreation.ALLOWED);
  }

  @Test
  void firstNameOrLastNameAloneIsEnough() {
    assertThat(
            ContactCreation.evaluate(JANE, new PersonName(Optional.of("Jane"), Optional.empty())))
        .isEqualTo(ContactCreation.ALLOWED);
    assertThat(ContactCreation.evaluate(JANE, new PersonName(Optional.empty(), Optional.of("Kim"))))
        .isEqualTo(ContactCreation.ALLOWED);
  }

  @Test
  void emailWithoutNameOnlyUpdates() {
    assertThat(ContactCreation.evaluate(JANE, PersonName.NONE))
        .isEqualTo(ContactCreation.MISSING_NAME);
    assertThat(ContactCreation.MISSING_NAME.reason()).contains("firstName or lastName");
  }

  @Test
  void nameWithoutEmailCannotCreate() {
    PersonName name = new PersonName(Optional.of("Jane"), Optional.of("Kim"));
    assertThat(ContactCreation.evaluate(Optional.empty(), name))
        .isEqualTo(ContactCreation.MISSING_EMAIL);
  }
}
