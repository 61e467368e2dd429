package io.acdest.adapters.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the {@code jsonb} columns. PostgreSQL's {@code jsonb} cannot hold the NUL character, so NULs in keys
 * and strings are written as U+FFFD (the replacement character) rather than failing the whole request.
 */
public final class PersistenceJson {
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final ObjectMapper mapper = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  /** The value as JSON text for a {@code jsonb} column. */
  public String write(Object value) {
    try {
      return mapper.writeValueAsString(withoutNul(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not writable as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A JSON object read back as a plain tree. */
  public Map<String, Object> readObject(String json) {
    try {
      return mapper.readValue(json, OBJECT);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a jsonb column held something that is not an object", e);
    }
  }

  /** A JSON array of strings read back. */
  public List<String> readStrings(String json) {
    try {
      return json == null ? List.of() : mapper.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a jsonb column held something that is not an array of strings", e);
    }
  }

  /** Text for a {@code text} column, which cannot hold NUL either. */
  public static String clean(String text) {
    return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
  }

  private static Object withoutNul(Object value) {
    if (value instanceof String text) {
      return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) withoutNul(String.valueOf(k)), withoutNul(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(withoutNul(v)));
      return copy;
    }
    return value;
  }
}
