package io.acdest.adapters.persistence;

import java.time.Duration;

/**
 * How long messages and their attempts are kept (docs/behaviour.md §5: 7 days by default, never under 72 hours, since a
 * duplicate within the retention window must still be recognised), and how many rows one delete removes.
 */
public record RetentionSettings(Duration retention, int batchSize) {
  public static final Duration MINIMUM = Duration.ofHours(72);
  public static final RetentionSettings DEFAULTS = new RetentionSettings(Duration.ofDays(7), 500);

  public RetentionSettings {
    if (retention == null || retention.compareTo(MINIMUM) < 0) {
      throw new IllegalArgumentException(
          "retention must be at least 72 hours, so duplicates are still recognised");
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("the retention batch size must be between 1 and 10000");
    }
  }
}
