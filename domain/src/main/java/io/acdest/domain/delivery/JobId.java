package io.acdest.domain.delivery;

/** The id of one delivery job in the queue. */
public record JobId(long value) {
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
