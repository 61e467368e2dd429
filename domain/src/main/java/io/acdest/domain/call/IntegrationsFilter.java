package io.acdest.domain.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code integrations} rule of docs/behaviour.md §2: whether a call is meant for this destination. Keys are
 * case-sensitive. The destination's name is the one callers use in the integrations object; the CRM adapter supplies
 * it.
 */
public record IntegrationsFilter(String destination, List<String> otherNames) {
  public IntegrationsFilter {
    if (destination == null || destination.isBlank()) {
      throw new IllegalArgumentException("the destination name must not be blank");
    }
    otherNames = List.copyOf(otherNames);
  }

  /** A destination that answers to one name. */
  public IntegrationsFilter(String destination) {
    this(destination, List.of());
  }

  /**
   * {@code {"<destination>": false}} keeps the call from the destination; so does {@code {"All": false}} unless
   * the destination is named with {@code true} or an options object. Anything else lets it through. A destination
   * with other names (a configured destination answers to its id, then to its CRM's name) takes the first of its
   * names the object holds.
   */
  public boolean delivers(CallFields integrations) {
    List<String> names = new ArrayList<>();
    names.add(destination);
    names.addAll(otherNames);
    for (String name : names) {
      Object own = integrations.raw(name);
      if (own instanceof Boolean enabled) {
        return enabled;
      }
      if (own instanceof Map<?, ?>) {
        return true;
      }
    }
    return !Boolean.FALSE.equals(integrations.raw("All"));
  }
}
