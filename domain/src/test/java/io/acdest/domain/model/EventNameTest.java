package io.acdest.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventNameTest {

  @Test
  void aNameIsKeptWhole() {
    String long45 = "Completed the onboarding checklist step three";
    assertThat(new EventName(long45).value()).isEqualTo(long45);
  }

  @Test
  void aBlankNameIsMissing() {
    assertThatThrownBy(() -> new EventName(" "))
        .isInstanceOfSatisfying(
            InvalidField.class,
            e -> assertThat(e.code()).isEqualTo(InvalidField.Code.MISSING_EVENT));
  }
}
