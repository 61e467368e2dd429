package io.acdest.domain.message;

/**
 * The source a call came from: a stable, non-secret id of the write key that authenticated it (never the key
 * itself). Message ids are unique per source.
 */
public record SourceId(String value) {
  public SourceId {
    if (value == null || value.isBlank() || value.length() > 64) {
      throw new IllegalArgumentException("a source id is 1 to 64 characters");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
