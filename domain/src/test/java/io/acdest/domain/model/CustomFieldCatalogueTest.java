package io.acdest.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CustomFieldCatalogueTest {
  private final CustomFieldDefinition shirtSize =
      new CustomFieldDefinition("1", "SHIRT_SIZE", "Shirt size");
  private final CustomFieldDefinition state = new CustomFieldDefinition("2", "STATE", "State");
  private final CustomFieldDefinition favouriteColour =
      new CustomFieldDefinition("3", "FAVCOLOR", "Favourite Colour");

  private final CustomFieldCatalogue catalogue =
      new CustomFieldCatalogue(List.of(shirtSize, state, favouriteColour));

  @Test
  void lowerCaseTraitsStillPopulateTheirFields() {
    // "you can record them in lower-case to identify and they will still be populated"
    assertThat(catalogue.match(CustomFieldKey.of("shirtSize"))).contains(shirtSize);
    assertThat(catalogue.match(CustomFieldKey.of("state"))).contains(state);
  }

  @Test
  void theTitleMatchesWhenNoPerstagDoes() {
    assertThat(catalogue.match(CustomFieldKey.of("favouriteColour"))).contains(favouriteColour);
  }

  @Test
  void aPerstagMatchWinsOverATitleMatch() {
    CustomFieldDefinition titled = new CustomFieldDefinition("9", "OTHER", "State");
    CustomFieldCatalogue both = new CustomFieldCatalogue(List.of(titled, state));
    assertThat(both.match(CustomFieldKey.of("state"))).contains(state);
  }

  @Test
  void anUnknownTraitMatchesNothing() {
    assertThat(catalogue.match(CustomFieldKey.of("shoeSize"))).isEmpty();
  }

  @Test
  void valuesAreMatchedToTheirFieldsAndTheRestAreUnmatched() {
    CustomFieldValue large = new CustomFieldValue("L");
    CustomFieldValue california = new CustomFieldValue("CA");
    CustomFieldValue nine = new CustomFieldValue("9");
    java.util.Map<CustomFieldKey, CustomFieldValue> values = new java.util.LinkedHashMap<>();
    values.put(CustomFieldKey.of("shirtSize"), large);
    values.put(CustomFieldKey.of("shoeSize"), nine);
    values.put(CustomFieldKey.of("state"), california);
    CustomFieldValues traits = new CustomFieldValues(values);
    assertThat(catalogue.matched(traits))
        .containsExactly(
            java.util.Map.entry(shirtSize, large), java.util.Map.entry(state, california));
    assertThat(catalogue.unmatched(traits)).containsExactly("shoeSize");
  }
}
