package io.acdest.domain.call;

import io.acdest.domain.message.SourceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the JSON trees an inbound adapter would hand over (nulls allowed, key order kept). */
public final class Json {
  public static final Instant RECEIVED_AT = Instant.parse("2026-11-28T10:00:00Z");
  public static final SourceId SOURCE = new SourceId("source-1");

  private Json() {}

  public static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  public static List<Object> arr(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  /** A received call of {@code type} whose JSON object is {@code event}. */
  public static ReceivedCall call(String type, Map<String, Object> event) {
    Map<String, Object> withType = new LinkedHashMap<>(event);
    withType.putIfAbsent("type", type);
    return new ReceivedCall(SOURCE, type, CallFields.root(withType), RECEIVED_AT);
  }

  /** An identify from user ze8rt1u89 (the documentation's) with these traits. */
  public static ReceivedCall identify(Map<String, Object> traits) {
    return call("identify", obj("userId", "ze8rt1u89", "traits", traits));
  }
}
