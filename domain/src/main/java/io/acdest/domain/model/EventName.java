package io.acdest.domain.model;

import java.util.Optional;

/** The name of a tracked event: not blank, at most {@value #MAX_LENGTH} characters (the CRM's limit). */
public record EventName(String value) {
  public static final int MAX_LENGTH = 32;

  public EventName {
    if (value == null || value.isBlank()) {
      throw new InvalidField(
          InvalidField.Code.MISSING_EVENT, "event", "is required and must not be blank");
    }
    if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
      throw new InvalidField("event", "must be at most " + MAX_LENGTH + " characters");
    }
  }

  /** An event name, and the warning to record when the name had to be shortened. */
  public record Truncation(EventName name, Optional<String> warning) {}

  /**
   * The truncation rule of docs/behaviour.md §3: a name longer than 32 characters is cut to its first 32 (never inside
   * a surrogate pair) and the message records a warning quoting the original.
   */
  public static Truncation truncating(String raw) {
    if (raw == null || raw.isBlank()) {
      return new Truncation(new EventName(raw), Optional.empty());
    }
    int length = raw.codePointCount(0, raw.length());
    if (length <= MAX_LENGTH) {
      return new Truncation(new EventName(raw), Optional.empty());
    }
    String cut = raw.substring(0, raw.offsetByCodePoints(0, MAX_LENGTH));
    return new Truncation(
        new EventName(cut),
        Optional.of(
            "event name '"
                + raw
                + "' is longer than "
                + MAX_LENGTH
                + " characters; sent as '"
                + cut
                + "'"));
  }
}
