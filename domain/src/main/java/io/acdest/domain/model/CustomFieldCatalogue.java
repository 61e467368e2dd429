package io.acdest.domain.model;

import java.util.List;
import java.util.Optional;

/** The CRM's custom fields, and the rule that matches a trait to one of them. */
public record CustomFieldCatalogue(List<CustomFieldDefinition> fields) {
  public CustomFieldCatalogue {
    fields = List.copyOf(fields);
  }

  /**
   * The matching rule of docs/behaviour.md §3: a key matches the field whose key equals it ignoring case; when no
   * field key matches, the field whose name normalises to the key ({@code "Shirt Size"} for {@code SHIRT_SIZE}).
   */
  public Optional<CustomFieldDefinition> match(CustomFieldKey key) {
    return fields.stream()
        .filter(f -> key.matches(f.key()))
        .findFirst()
        .or(
            () ->
                fields.stream()
                    .filter(
                        f ->
                            !f.name().isBlank()
                                && key.normalised().equals(CustomFieldKey.normalise(f.name())))
                    .findFirst());
  }
}
