package io.acdest.domain.call;

import io.acdest.domain.model.InvalidField;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One JSON object of a received call (the call itself, its {@code traits}, {@code properties}, {@code context}),
 * read field by field with type checks that name the offending field by its path ({@code context.traits.email}).
 *
 * <p>Values are the plain JSON tree the inbound adapter parsed: {@code Map<String, Object>} for objects,
 * {@code List<Object>} for arrays, {@code String}, {@code Number}, {@code Boolean}, and {@code null}.
 */
public final class CallFields {
  private final String path;
  private final Map<String, Object> values;

  private CallFields(String path, Map<String, Object> values) {
    this.path = path;
    this.values = values;
  }

  /** The top-level object of a call. */
  public static CallFields root(Map<String, ?> values) {
    return new CallFields("", Collections.unmodifiableMap(new LinkedHashMap<>(values)));
  }

  /** An absent object at {@code path}: every field is missing. */
  public static CallFields empty(String path) {
    return new CallFields(path, Map.of());
  }

  /** Where this object sits in the call, e.g. {@code traits}; empty for the call itself. */
  public String path() {
    return path;
  }

  /** The path of one of this object's fields, e.g. {@code traits.email}. */
  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** True when the field is present and not {@code null}. */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** The field's value as parsed, or {@code null}. */
  public Object raw(String key) {
    return values.get(key);
  }

  /** A text field; absent when missing or {@code null}; an error naming the field when it is not a string. */
  public Optional<String> string(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String text) {
      return Optional.of(text);
    }
    throw new InvalidField(pathOf(key), "must be a string");
  }

  /**
   * An identifier ({@code userId}, {@code anonymousId}, {@code messageId}): a string, or a whole number taken as
   * its text, as Segment's libraries send either; blank counts as missing.
   */
  public Optional<String> identifier(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String text) {
      return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }
    if (value instanceof Number number) {
      try {
        return Optional.of(new BigDecimal(number.toString()).toBigIntegerExact().toString());
      } catch (ArithmeticException | NumberFormatException notWhole) {
        throw new InvalidField(pathOf(key), "must be a string");
      }
    }
    throw new InvalidField(pathOf(key), "must be a string");
  }

  /** A text field that may also be sent as a number (a phone number): the number's text. */
  public Optional<String> text(String key) {
    Object value = values.get(key);
    if (value instanceof Number number) {
      return Optional.of(number.toString());
    }
    return string(key);
  }

  /** A nested object; an empty one when missing or {@code null}; an error naming the field otherwise. */
  public CallFields object(String key) {
    Object value = values.get(key);
    if (value == null) {
      return empty(pathOf(key));
    }
    if (value instanceof Map<?, ?> map) {
      return new CallFields(pathOf(key), asObject(map));
    }
    throw new InvalidField(pathOf(key), "must be an object");
  }

  /** A nested object when the field holds one; empty for any other value, without complaint. */
  public Optional<CallFields> objectIfPresent(String key) {
    return values.get(key) instanceof Map<?, ?> map
        ? Optional.of(new CallFields(pathOf(key), asObject(map)))
        : Optional.empty();
  }

  /** The field names, in the order they came. */
  public Set<String> keys() {
    return values.keySet();
  }

  /** The object as a read-only map. */
  public Map<String, Object> asMap() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  private static Map<String, Object> asObject(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return Collections.unmodifiableMap(copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallFields other && path.equals(other.path) && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return (path.isEmpty() ? "call" : path) + values;
  }
}
