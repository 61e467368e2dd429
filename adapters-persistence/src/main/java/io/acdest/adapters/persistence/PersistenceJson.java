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
 * JSON for the {@code jsonb} columns. PostgreSQL's text cannot hold the NUL character nor a UTF-16 surrogate that is
 * not part of a pair (what a client sends when it cuts a string in the middle of an emoji), so both are written as
 * U+FFFD (the replacement character) in keys and strings, rather than failing the whole request or, for a lone
 * surrogate, being turned into '?' by the driver without a word.
 */
public final class PersistenceJson {
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final ObjectMapper mapper =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** The value as JSON text for a {@code jsonb} column. */
  public String write(Object value) {
    try {
      return mapper.writeValueAsString(cleaned(value));
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
      throw new IllegalStateException(
          "a jsonb column held something that is not an array of strings", e);
    }
  }

  /** Text for a {@code text} column, which cannot hold NUL or a lone surrogate either. */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder cleaned = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pairedHigh =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      boolean bad = c == '\0' || (Character.isSurrogate(c) && !pairedHigh);
      if (bad && cleaned == null) {
        cleaned = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (cleaned != null) {
        cleaned.append(bad ? '\uFFFD' : c);
        if (pairedHigh) {
          cleaned.append(text.charAt(++i));
        }
      } else if (pairedHigh) {
        i++;
      }
    }
    return cleaned == null ? text : cleaned.toString();
  }

  private static Object cleaned(Object value) {
    if (value instanceof String text) {
      return clean(text);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(clean(String.valueOf(k)), cleaned(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(cleaned(v)));
      return copy;
    }
    return value;
  }
}
