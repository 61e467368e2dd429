package io.acdest.bootstrap;

import java.time.Duration;

/**
 * Settings of delivery: how long transient failures are retried before a message is dead (docs/behaviour.md §4: 4 hours
 * by default), how long an account pauses after a configuration error before it is tried again, and how long what
 * was synced to a contact is trusted to skip identifies that change nothing (24 hours by default), and whether
 * backlogs of identifies go out as bulk imports.
 */
public record DeliverySettings(
    Duration retryWindow,
    Duration configurationPause,
    Duration unchangedHorizon,
    boolean bulkImport) {
  public static final DeliverySettings DEFAULTS =
      new DeliverySettings(Duration.ofHours(4), Duration.ofMinutes(1), Duration.ofHours(24), true);

  public DeliverySettings {
    if (retryWindow == null || retryWindow.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("the retry window must be at least one minute");
    }
    if (unchangedHorizon == null || unchangedHorizon.isNegative()) {
      throw new IllegalArgumentException(
          "the unchanged horizon must not be negative (zero turns skipping off)");
    }
    if (configurationPause == null || configurationPause.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the configuration pause must be at least one second");
    }
  }
}
