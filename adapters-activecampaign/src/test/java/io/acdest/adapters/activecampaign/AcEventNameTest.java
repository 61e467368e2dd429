package io.acdest.adapters.activecampaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.domain.model.EventName;
import org.junit.jupiter.api.Test;

/** ActiveCampaign's limit of 32 characters for an event name, applied by the adapter (moved from the domain). */
class AcEventNameTest {

  @Test
  void theDocumentationsEventFitsUnchanged() {
    AcEventName name = AcEventName.of(new EventName("Clicked a button"));
    assertThat(name.sent()).isEqualTo("Clicked a button");
    assertThat(name.note()).isEmpty();
  }

  @Test
  void longerNamesAreCutTo32CharactersWithANote() {
    String original = "Completed the onboarding checklist step three";
    AcEventName name = AcEventName.of(new EventName(original));
    assertThat(name.sent()).isEqualTo("Completed the onboarding checkli").hasSize(32);
    assertThat(name.note())
        .hasValueSatisfying(w -> assertThat(w).contains(original).contains("32"));
  }

  @Test
  void cuttingNeverSplitsACharacter() {
    String emoji = "\uD83D\uDE00".repeat(40);
    assertThat(AcEventName.of(new EventName(emoji)).sent()).isEqualTo("\uD83D\uDE00".repeat(32));
  }
}
