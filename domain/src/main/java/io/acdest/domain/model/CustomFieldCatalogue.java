package io.acdest.domain.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** Each value whose trait matches a field, by that field, in the order of the values. */
  public Map<CustomFieldDefinition, CustomFieldValue> matched(CustomFieldValues values) {
    Map<CustomFieldDefinition, CustomFieldValue> matched = new LinkedHashMap<>();
    values.values().forEach((key, value) -> match(key).ifPresent(f -> matched.put(f, value)));
    return matched;
  }

  /** The traits among {@code values} that no field matches (the message records them as unmapped). */
  public List<String> unmatched(CustomFieldValues values) {
    return values.values().keySet().stream()
        .filter(key -> match(key).isEmpty())
        .map(CustomFieldKey::trait)
        .toList();
  }
}
