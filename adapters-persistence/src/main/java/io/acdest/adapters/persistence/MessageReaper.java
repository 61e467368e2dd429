package io.acdest.adapters.persistence;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Retention (docs/behaviour.md §5): deletes messages older than the retention, with their jobs and attempts, in small
 * batches so that ingest is never blocked for long. Only messages in a final state go; one still waiting for delivery
 * is
 * kept however old it is. After a message is gone, its messageId is no longer a duplicate.
 */
public final class MessageReaper {
  private static final String DELETE_BATCH =
      """
      DELETE FROM messages WHERE id IN (
        SELECT id FROM messages
        WHERE received_at < ? AND state IN ('delivered', 'skipped', 'filtered', 'ignored', 'rejected', 'dead')
        ORDER BY id
        LIMIT ?
        FOR UPDATE SKIP LOCKED)
      """;

  private final DataSource dataSource;
  private final Clock clock;
  private final RetentionSettings settings;

  public MessageReaper(DataSource dataSource, Clock clock, RetentionSettings settings) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.settings = settings;
  }

  /** Deletes every expired message, one batch per transaction; returns how many were deleted. */
  public int reap() {
    Instant cutoff = clock.instant().minus(settings.retention());
    int total = 0;
    int deleted;
    do {
      deleted =
          Jdbc.inTransaction(
              dataSource,
              connection -> {
                try (PreparedStatement delete = connection.prepareStatement(DELETE_BATCH)) {
                  Jdbc.setInstant(delete, 1, cutoff);
                  delete.setInt(2, settings.batchSize());
                  return delete.executeUpdate();
                }
              });
      total += deleted;
    } while (deleted == settings.batchSize());
    return total;
  }
}
