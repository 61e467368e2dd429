package io.acdest.domain.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The form a CRM gives its list ids, as its adapter declares it, so that an identify naming a list the CRM could
 * never have is rejected when it arrives (naming the field) rather than failing at delivery. {@link #ANY} accepts
 * every id.
 */
public record ListIdFormat(Pattern pattern, String rule) {
  /** Any non-blank id. */
  public static final ListIdFormat ANY =
      new ListIdFormat(Pattern.compile(".+", Pattern.DOTALL), "must not be blank");

  public ListIdFormat {
    if (pattern == null || rule == null || rule.isBlank()) {
      throw new IllegalArgumentException("a list id format needs a pattern and the rule it states");
    }
  }

  /** The rule {@code id} breaks, if it breaks it. */
  public Optional<String> problem(ListId id) {
    return pattern.matcher(id.value()).matches() ? Optional.empty() : Optional.of(rule);
  }
}
