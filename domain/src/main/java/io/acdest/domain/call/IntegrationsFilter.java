package io.acdest.domain.call;

import java.util.Map;

/**
 * The {@code integrations} rule of docs/behaviour.md §2: whether a call is meant for this destination. Keys are
 * case-sensitive. The destination's name is the one callers use in the integrations object; the CRM adapter supplies
 * it.
 */
public record IntegrationsFilter(String destination) {
  public IntegrationsFilter {
    if (destination == null || destination.isBlank()) {
      throw new IllegalArgumentException("the destination name must not be blank");
    }
  }

  /**
   * {@code {"<destination>": false}} keeps the call from the destination; so does {@code {"All": false}} unless
   * the destination is named with {@code true} or an options object. Anything else lets it through.
   */
  public boolean delivers(CallFields integrations) {
    Object own = integrations.raw(destination);
    if (own instanceof Boolean enabled) {
      return enabled;
    }
    if (own instanceof Map<?, ?>) {
      return true;
    }
    return !Boolean.FALSE.equals(integrations.raw("All"));
  }
}
