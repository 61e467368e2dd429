package io.acdest.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.domain.call.PersonIdentifiers;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.port.in.ErasureUseCase;
import java.util.Map;
import java.util.Optional;

/** The body of an erasure request, as the admin API and the console take it. */
final class ErasureRequests {
  private ErasureRequests() {}

  /**
   * {@code {"userId": …, "anonymousId": …, "email": …, "crm": true, "suppress": true}}: at least one identifier;
   * {@code crm} and {@code suppress} true or false (false when absent).
   */
  static ErasureUseCase.ErasureRequest parse(ObjectMapper json, String body) {
    Map<String, Object> fields;
    try {
      fields = body == null || body.isBlank() ? Map.of() : json.readValue(body, Map.class);
    } catch (JsonProcessingException notJson) {
      throw new InvalidField(
          "body", "must be a JSON object such as {\"email\": \"jane@example.com\", \"crm\": true}");
    }
    return new ErasureUseCase.ErasureRequest(
        PersonIdentifiers.requested(
            text(fields, "userId"), text(fields, "anonymousId"), text(fields, "email")),
        flag(fields, "crm"),
        flag(fields, "suppress"));
  }

  private static Optional<String> text(Map<String, Object> fields, String name) {
    Object value = fields.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw new InvalidField(name, "must be a string");
    }
    return Optional.of(text);
  }

  private static boolean flag(Map<String, Object> fields, String name) {
    Object value = fields.get(name);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean flag)) {
      throw new InvalidField(name, "must be true or false");
    }
    return flag;
  }
}
