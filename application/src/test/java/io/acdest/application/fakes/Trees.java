package io.acdest.application.fakes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the JSON trees an inbound adapter hands over (nulls allowed, key order kept), for tests. */
public final class Trees {
  private Trees() {}

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
}
