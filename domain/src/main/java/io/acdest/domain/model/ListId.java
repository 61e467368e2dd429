package io.acdest.domain.model;

/** The id of a CRM mailing list: a positive whole number. */
public record ListId(long value) {
  public ListId {
    if (value <= 0) {
      throw new InvalidField("list id", "must be a positive whole number");
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
