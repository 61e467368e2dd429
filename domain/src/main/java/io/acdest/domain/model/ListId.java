package io.acdest.domain.model;

/**
 * The id of a CRM mailing list, as the CRM assigns it: opaque text (a number for one CRM, a hash for another). What
 * a given CRM accepts is its adapter's rule ({@link ListIdFormat}).
 */
public record ListId(String value) {
  /** Longer than any CRM's list id; a longer one is a mistake, not an id. */
  public static final int MAX_LENGTH = 100;

  public ListId {
    if (value == null || value.isBlank()) {
      throw new InvalidField("list id", "must not be blank");
    }
    value = value.strip();
    if (value.length() > MAX_LENGTH) {
      throw new InvalidField("list id", "must be at most " + MAX_LENGTH + " characters");
    }
  }

  /** A list whose id is a whole number (its decimal text). */
  public ListId(long number) {
    this(Long.toString(number));
  }

  @Override
  public String toString() {
    return value;
  }
}
