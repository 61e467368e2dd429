package io.acdest.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContactFingerprintTest {
  private static Contact jane(String shirtSize, String lastName) {
    return new Contact(
        new EmailAddress("jane.kim@example.com"),
        new PersonName(Optional.of("Jane"), Optional.of(lastName)),
        Optional.empty(),
        Optional.of("ze8rt1u89"),
        new CustomFieldValues(
            Map.of(CustomFieldKey.of("shirtSize"), new CustomFieldValue(shirtSize))));
  }

  @Test
  void theSameContactHasTheSameFingerprint() {
    assertThat(ContactFingerprint.of(jane("medium", "Kim")))
        .isEqualTo(ContactFingerprint.of(jane("medium", "Kim")))
        .hasSize(64);
  }

  @Test
  void anyChangedFieldChangesIt() {
    String base = ContactFingerprint.of(jane("medium", "Kim"));
    assertThat(ContactFingerprint.of(jane("large", "Kim"))).isNotEqualTo(base);
    assertThat(ContactFingerprint.of(jane("medium", "Kimm"))).isNotEqualTo(base);
  }

  @Test
  void valuesCannotBeShiftedBetweenFields() {
    Contact a =
        new Contact(
            new EmailAddress("a@example.com"),
            new PersonName(Optional.of("ab"), Optional.of("c")),
            Optional.empty(),
            Optional.empty(),
            CustomFieldValues.NONE);
    Contact b =
        new Contact(
            new EmailAddress("a@example.com"),
            new PersonName(Optional.of("a"), Optional.of("bc")),
            Optional.empty(),
            Optional.empty(),
            CustomFieldValues.NONE);
    assertThat(ContactFingerprint.of(a)).isNotEqualTo(ContactFingerprint.of(b));
  }
}
