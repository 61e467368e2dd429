package io.acdest.domain.model;

import java.util.Locale;

/**
 * An email address, trimmed and lower-cased (the CRM matches contacts by email case-insensitively, so two
 * spellings of one address must be one contact). Only the shape is checked: one {@code @} with text on both
 * sides, a dot in the domain, no white space.
 */
public record EmailAddress(String value) {
  public EmailAddress {
    if (value == null) {
      throw new InvalidField("email", "must be an email address");
    }
    value = value.strip().toLowerCase(Locale.ROOT);
    int at = value.indexOf('@');
    if (at <= 0
        || at != value.lastIndexOf('@')
        || at == value.length() - 1
        || !value.substring(at + 1).contains(".")
        || value.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidField("email", "must be an email address");
    }
  }

  /** Parses {@code raw} as the value of the field at {@code path}, naming that path if it is not an address. */
  public static EmailAddress parse(String raw, String path) {
    try {
      return new EmailAddress(raw);
    } catch (InvalidField e) {
      throw new InvalidField(path, "must be an email address");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
