package io.acdest.domain.model;

import java.math.BigDecimal;

/**
 * What an identify does to a contact's tags, as one change the CRM adapter applies: when {@code resetFirst},
 * remove every tag on the contact, then attach {@code add}.
 */
public record TagChange(boolean resetFirst, TagSet add) {
  public static final TagChange NONE = new TagChange(false, TagSet.empty());

  public TagChange {
    if (add == null) {
      throw new IllegalArgumentException("add must not be null");
    }
  }

  /**
   * The {@code tagsReset} rule of docs/behaviour.md §3: the documented value is {@code 1}; {@code true} and {@code "1"}
   * mean the same. Every other value (absent, {@code 0}, {@code false}, {@code "yes"}) leaves the tags in place.
   */
  public static boolean resetRequested(Object tagsReset) {
    if (tagsReset instanceof Boolean flag) {
      return flag;
    }
    if (tagsReset instanceof String text) {
      return text.strip().equals("1");
    }
    if (tagsReset instanceof Number number) {
      return new BigDecimal(number.toString()).compareTo(BigDecimal.ONE) == 0;
    }
    return false;
  }

  /** True when applying the change would do nothing. */
  public boolean isEmpty() {
    return !resetFirst && add.isEmpty();
  }
}
