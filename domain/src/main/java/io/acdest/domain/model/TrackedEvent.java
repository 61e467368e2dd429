package io.acdest.domain.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An event to record against a contact (the CRM's event tracking): its name, its value, when it happened, and the
 * call's properties that are single values (text, numbers, true or false), as text, in the order the call sent
 * them, for a CRM that keeps properties with an event.
 */
public record TrackedEvent(
    EmailAddress email,
    EventName name,
    Optional<EventValue> value,
    Instant occurredAt,
    Map<String, String> properties) {
  public TrackedEvent {
    if (email == null
        || name == null
        || value == null
        || occurredAt == null
        || properties == null) {
      throw new IllegalArgumentException(
          "email, name, value, occurredAt and properties are required");
    }
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** An event without properties. */
  public TrackedEvent(
      EmailAddress email, EventName name, Optional<EventValue> value, Instant occurredAt) {
    this(email, name, value, occurredAt, Map.of());
  }

  /**
   * The single values among a call's properties, as text: text as it is, numbers in plain notation ({@code 19.9},
   * never {@code 1.99E1}), {@code true} / {@code false}. Objects, arrays and nulls are left out.
   */
  public static Map<String, String> scalarProperties(Map<String, ?> properties) {
    Map<String, String> scalars = new LinkedHashMap<>();
    properties.forEach(
        (key, value) -> {
          if (value instanceof String text) {
            scalars.put(key, text);
          } else if (value instanceof Boolean flag) {
            scalars.put(key, flag.toString());
          } else if (value instanceof Number number) {
            scalars.put(
                key, new BigDecimal(number.toString()).stripTrailingZeros().toPlainString());
          }
        });
    return scalars;
  }
}
