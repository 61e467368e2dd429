package io.acdest.domain.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The custom-field values an identify sets, by key, in the order the traits came. */
public record CustomFieldValues(Map<CustomFieldKey, CustomFieldValue> values) {
  public static final CustomFieldValues NONE = new CustomFieldValues(Map.of());

  public CustomFieldValues {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public int size() {
    return values.size();
  }

  /** The value set for the custom field with this key, or null. */
  public CustomFieldValue get(String fieldKey) {
    return values.entrySet().stream()
        .filter(e -> e.getKey().matches(fieldKey))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
