package io.acdest.domain.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The text a custom field is set to. The empty text clears the field. */
public record CustomFieldValue(String text) {
  private static final CustomFieldValue CLEAR = new CustomFieldValue("");

  public CustomFieldValue {
    if (text == null) {
      throw new IllegalArgumentException("use CustomFieldValue.clear() for no value");
    }
  }

  /** The value that empties the field. */
  public static CustomFieldValue clear() {
    return CLEAR;
  }

  /**
   * The value-encoding rule of docs/behaviour.md §3: strings as they are; numbers and booleans as their text ({@code
   * 42},
   * {@code 2.5}, {@code true}); arrays as {@code ||a||b||} for listbox and checkbox fields (an empty array
   * clears); {@code null} clears. An object, or an array holding one, has no encoding: empty.
   */
  public static Optional<CustomFieldValue> encode(Object value) {
    if (value == null) {
      return Optional.of(CLEAR);
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        return Optional.of(CLEAR);
      }
      StringBuilder text = new StringBuilder("||");
      for (Object element : list) {
        Optional<String> scalar = scalarText(element);
        if (scalar.isEmpty()) {
          return Optional.empty();
        }
        text.append(scalar.get()).append("||");
      }
      return Optional.of(new CustomFieldValue(text.toString()));
    }
    return scalarText(value).map(CustomFieldValue::new);
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
    return text.isEmpty();
  }
}
