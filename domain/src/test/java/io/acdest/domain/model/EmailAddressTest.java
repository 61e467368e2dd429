package io.acdest.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

  @Test
  void keepsTheDocumentationsAddressTrimmedAndLowerCased() {
    assertThat(new EmailAddress("  Jane.Kim@Example.com ").value())
        .isEqualTo("jane.kim@example.com");
  }

  @Test
  void twoSpellingsOfOneAddressAreEqual() {
    assertThat(new EmailAddress("JANE.KIM@example.com"))
        .isEqualTo(new EmailAddress("jane.kim@example.com"));
  }

  @Test
  void rejectsWhatIsNotAnAddressNamingTheField() {
    for (String bad :
        new String[] {
          "jane", "@example.com", "jane@", "jane@example", "ja ne@example.com", "a@b@c.com"
        }) {
      assertThatThrownBy(() -> EmailAddress.parse(bad, "traits.email"))
          .isInstanceOf(InvalidField.class)
          .hasMessage("traits.email must be an email address");
    }
  }
}
