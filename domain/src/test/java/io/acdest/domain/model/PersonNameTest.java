package io.acdest.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PersonNameTest {

  @Test
  void fullNameIsSplitAtTheFirstSpace() {
    PersonName name =
        PersonName.of(Optional.empty(), Optional.empty(), Optional.of("Jane van Kim"));
    assertThat(name.first()).contains("Jane");
    assertThat(name.last()).contains("van Kim");
  }

  @Test
  void aSingleWordNameIsTheFirstName() {
    PersonName name = PersonName.of(Optional.empty(), Optional.empty(), Optional.of("Jane"));
    assertThat(name.first()).contains("Jane");
    assertThat(name.last()).isEmpty();
  }

  @Test
  void explicitFirstOrLastNameWinsOverFullName() {
    PersonName name =
        PersonName.of(Optional.empty(), Optional.of("Kim"), Optional.of("Someone Else"));
    assertThat(name.first()).isEmpty();
    assertThat(name.last()).contains("Kim");
  }

  @Test
  void blankPartsAreAbsent() {
    PersonName name = PersonName.of(Optional.of("  "), Optional.empty(), Optional.empty());
    assertThat(name.isPresent()).isFalse();
  }
}
