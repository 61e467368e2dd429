package io.acdest.domain.model;

import java.util.Locale;

/** A contact tag. Names are trimmed; two tags are the same tag when their names match ignoring case. */
public record Tag(String name) {
  public Tag {
    if (name == null || name.isBlank()) {
      throw new InvalidField("tag", "must not be blank");
    }
    name = name.strip();
  }

  /** The key under which names are compared: case-insensitive, as the CRM compares them. */
  public String matchKey() {
    return name.toLowerCase(Locale.ROOT);
  }

  /** True when both name the same tag, ignoring case. */
  public boolean sameAs(Tag other) {
    return matchKey().equals(other.matchKey());
  }
}
