package io.acdest.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventNameTest {

  @Test
  void theDocumentationsEventFitsUnchanged() {
    EventName.Truncation t = EventName.truncating("Clicked a button");
    assertThat(t.name().value()).isEqualTo("Clicked a button");
    assertThat(t.warning()).isEmpty();
  }

  @Test
  void longerNamesAreCutTo32CharactersWithAWarning() {
    String original = "Completed the onboarding checklist step three";
    EventName.Truncation t = EventName.truncating(original);
    assertThat(t.name().value()).isEqualTo("Completed the onboarding checkli").hasSize(32);
    assertThat(t.warning())
        .hasValueSatisfying(w -> assertThat(w).contains(original).contains("32"));
  }

  @Test
  void cuttingNeverSplitsACharacter() {
    String emoji = "\uD83D\uDE00".repeat(40);
    EventName.Truncation t = EventName.truncating(emoji);
    assertThat(t.name().value()).isEqualTo("\uD83D\uDE00".repeat(32));
  }

  @Test
  void aBlankNameIsMissing() {
    assertThatThrownBy(() -> new EventName(" "))
        .isInstanceOfSatisfying(
            InvalidField.class,
            e -> assertThat(e.code()).isEqualTo(InvalidField.Code.MISSING_EVENT));
  }
}
