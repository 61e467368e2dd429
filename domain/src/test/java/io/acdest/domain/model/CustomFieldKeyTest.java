package io.acdest.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CustomFieldKeyTest {

  @Test
  void documentationTraitsNormaliseToTheirPersonalizationTags() {
    // "shown as %SHIRT_SIZE%, %STATE%, and %MULTI_CHOICE% in ActiveCampaign"
    assertThat(CustomFieldKey.normalise("shirtSize")).isEqualTo("SHIRT_SIZE");
    assertThat(CustomFieldKey.normalise("state")).isEqualTo("STATE");
    assertThat(CustomFieldKey.normalise("multiChoice")).isEqualTo("MULTI_CHOICE");
  }

  @Test
  void everySpellingOfShirtSizeIsOneKey() {
    assertThat(CustomFieldKey.normalise("shirt_size")).isEqualTo("SHIRT_SIZE");
    assertThat(CustomFieldKey.normalise("Shirt Size")).isEqualTo("SHIRT_SIZE");
    assertThat(CustomFieldKey.normalise("shirt-size")).isEqualTo("SHIRT_SIZE");
    assertThat(CustomFieldKey.normalise("  shirt__size ")).isEqualTo("SHIRT_SIZE");
  }

  @Test
  void aKeyAlreadyInTagFormStays() {
    assertThat(CustomFieldKey.normalise("SHIRTSIZE")).isEqualTo("SHIRTSIZE");
    assertThat(CustomFieldKey.normalise("SHIRT_SIZE")).isEqualTo("SHIRT_SIZE");
  }

  @Test
  void engageAudienceTraitsKeepTheirDigits() {
    assertThat(CustomFieldKey.normalise("order_completed_last_30days"))
        .isEqualTo("ORDER_COMPLETED_LAST_30DAYS");
  }

  @Test
  void acronymsEndBeforeTheNextWord() {
    assertThat(CustomFieldKey.normalise("HTMLCode")).isEqualTo("HTML_CODE");
    assertThat(CustomFieldKey.normalise("last30Days")).isEqualTo("LAST30_DAYS");
  }

  @Test
  void keysMatchPerstagsIgnoringCase() {
    assertThat(CustomFieldKey.of("shirtSize").matches("shirt_size")).isTrue();
    assertThat(CustomFieldKey.of("shirtSize").matches("SHIRTSIZE")).isFalse();
  }
}
