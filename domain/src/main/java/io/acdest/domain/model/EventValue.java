package io.acdest.domain.model;

import java.util.List;
import java.util.Map;

/**
 * The value sent with a tracked event ({@code acValue}). Text is sent as it is; any other JSON value (number,
 * boolean, object, array) is sent JSON-encoded by the CRM adapter.
 */
public record EventValue(Object value) {
  public EventValue {
    boolean json =
        value instanceof String
            || value instanceof Number
            || value instanceof Boolean
            || value instanceof Map<?, ?>
            || value instanceof List<?>;
    if (!json) {
      throw new InvalidField("properties.acValue", "must be a JSON value");
    }
  }

  /** True when the value is text and is sent unchanged. */
  public boolean isText() {
    return value instanceof String;
  }
}
