package io.acdest.domain.model;

import java.util.List;
import java.util.Optional;

/** The CRM's custom fields, and the rule that matches a trait to one of them. */
public record CustomFieldCatalogue(List<CustomFieldDefinition> fields) {
  public CustomFieldCatalogue {
    fields = List.copyOf(fields);
  }

  /**
   * The matching rule of §3: a key matches the field whose personalization tag equals it ignoring case; when
   * no tag matches, the field whose title normalises to the key ({@code "Shirt Size"} for {@code SHIRT_SIZE}).
   */
  public Optional<CustomFieldDefinition> match(CustomFieldKey key) {
    return fields.stream()
        .filter(f -> key.matchesPerstag(f.perstag()))
        .findFirst()
        .or(() -> fields.stream()
            .filter(f -> !f.title().isBlank() && key.perstag().equals(CustomFieldKey.normalise(f.title())))
            .findFirst());
  }
}
