package io.acdest.domain.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What a custom field is set to, in no CRM's encoding: one text, or a list of texts (a trait given as an array, for
 * multi-value fields such as listboxes and checkboxes). No value, or the empty text, clears the field. Each CRM
 * adapter writes it in its own form (a delimited text, a comma-separated one).
 */
public record CustomFieldValue(List<String> values, boolean isList) {
  private static final CustomFieldValue CLEAR = new CustomFieldValue(List.of(), false);

  public CustomFieldValue {
    values = List.copyOf(values);
    if (!isList && values.size() > 1) {
      throw new IllegalArgumentException("a single value holds at most one text");
    }
  }

  /** A single text. */
  public CustomFieldValue(String text) {
    this(List.of(text), false);
  }

  /** A list of texts (an empty list clears). */
  public static CustomFieldValue list(List<String> texts) {
    return texts.isEmpty() ? CLEAR : new CustomFieldValue(texts, true);
  }

  /** The value that empties the field. */
  public static CustomFieldValue clear() {
    return CLEAR;
  }

  /**
   * The value rule of docs/behaviour.md §3: strings as they are; numbers and booleans as their text ({@code 42},
   * {@code 2.5}, {@code true}); an array as the list of its elements' texts (an empty array clears); {@code null}
   * clears. An object, or an array holding one, has no value: empty.
   */
  public static Optional<CustomFieldValue> encode(Object value) {
    if (value == null) {
      return Optional.of(CLEAR);
    }
    if (value instanceof List<?> list) {
      java.util.ArrayList<String> texts = new java.util.ArrayList<>();
      for (Object element : list) {
        Optional<String> scalar = scalarText(element);
        if (scalar.isEmpty()) {
          return Optional.empty();
        }
        texts.add(scalar.get());
      }
      return Optional.of(list(texts));
    }
    return scalarText(value).map(CustomFieldValue::new);
  }

  /** The single text, or the empty text when the field is cleared; a list has none. */
  public String single() {
    if (isList) {
      throw new IllegalStateException("a list of texts has no single text");
    }
    return values.isEmpty() ? "" : values.get(0);
  }

  private static Optional<String> scalarText(Object value) {
    if (value instanceof String text) {
      return Optional.of(text);
    }
    if (value instanceof Boolean flag) {
      return Optional.of(flag.toString());
    }
    if (value instanceof Number number) {
      try {
        return Optional.of(new BigDecimal(number.toString()).stripTrailingZeros().toPlainString());
      } catch (NumberFormatException notFinite) {
        return Optional.of(number.toString());
      }
    }
    return Optional.empty();
  }

  /** True when setting this value empties the field. */
  public boolean clears() {
    return values.isEmpty() || (!isList && values.get(0).isEmpty());
  }
}
