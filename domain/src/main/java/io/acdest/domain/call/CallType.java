package io.acdest.domain.call;

import io.acdest.domain.model.InvalidField;
import java.util.Locale;

/** The call types of the tracking API. Only identify, track and page reach the CRM. */
public enum CallType {
  IDENTIFY,
  TRACK,
  PAGE,
  SCREEN,
  GROUP,
  ALIAS;

  /** The type as written in a call, e.g. {@code identify}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads a call's {@code type}; anything but the six known types is an error naming the field. */
  public static CallType parse(String type) {
    for (CallType candidate : values()) {
      if (candidate.wire().equals(type)) {
        return candidate;
      }
    }
    throw new InvalidField("type", "must be one of identify, track, page, screen, group, alias");
  }
}
