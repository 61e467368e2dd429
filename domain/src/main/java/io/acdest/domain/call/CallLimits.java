package io.acdest.domain.call;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a call may not do, by its source: a browser source's write key is public by design (it is in every page), so
 * whoever reads it can send calls with it; such a call may not change list subscriptions, reset a contact's tags or
 * change a known user's email ({@code docs/decisions/0024-hostile-traffic.md}). The rest of the call is delivered,
 * and what it may not do is recorded on the message as a warning.
 */
public record CallLimits(Set<Limit> limits) {
  /** One thing a call may not do. */
  public enum Limit {
    /** Subscribe to or unsubscribe from lists ({@code traits.lists}). */
    LIST_CHANGES,
    /** Remove every tag of the contact first ({@code traits.tagsReset}). */
    TAG_RESET,
    /** Change the email of a user the service knows under another one. */
    EMAIL_CHANGE
  }

  /** A server source's call: it may do everything. */
  public static final CallLimits NONE = new CallLimits(Set.of());

  /** A browser source's call. */
  public static final CallLimits BROWSER = new CallLimits(EnumSet.allOf(Limit.class));

  public CallLimits {
    limits = limits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(limits));
  }

  /** Whether the call may not do this. */
  public boolean forbid(Limit limit) {
    return limits.contains(limit);
  }

  /** The limits' names as stored ({@code list_changes}, …). */
  public Set<String> names() {
    return limits.stream()
        .map(limit -> limit.name().toLowerCase(java.util.Locale.ROOT))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** The limits of these stored names; unknown names are ignored. */
  public static CallLimits of(Iterable<String> names) {
    Set<Limit> limits = EnumSet.noneOf(Limit.class);
    for (String name : names) {
      for (Limit limit : Limit.values()) {
        if (limit.name().equalsIgnoreCase(name)) {
          limits.add(limit);
        }
      }
    }
    return new CallLimits(limits);
  }
}
