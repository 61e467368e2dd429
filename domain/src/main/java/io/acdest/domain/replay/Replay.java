package io.acdest.domain.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A replay as it stands (docs/behaviour.md §7): of the {@code total} calls it covers, {@code considered} have been
 * looked at, {@code queued} of them sent to the destination's queue and {@code passed} passed over; {@code pending}
 * of those queued are not delivered yet.
 */
public record Replay(
    long id,
    ReplayRequest request,
    State state,
    long total,
    long considered,
    long queued,
    long passed,
    long pending,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> finishedAt) {

  /** How many calls it has finished with: looked at, and if queued, delivered or finished otherwise. */
  public long done() {
    return Math.max(0, Math.min(total, considered - pending));
  }

  /** Calls done per second since it was made (0 before any); pauses count in. */
  public double ratePerSecond(Instant now) {
    Instant end = finishedAt.orElse(now);
    double seconds = Math.max(1, Duration.between(createdAt, end).toMillis()) / 1000.0;
    return done() / seconds;
  }

  /** When it should end at its rate so far; empty when it has ended, is not running, or has no rate yet. */
  public Optional<Instant> estimatedEnd(Instant now) {
    double rate = ratePerSecond(now);
    if (state != State.RUNNING || rate <= 0) {
      return Optional.empty();
    }
    return Optional.of(now.plusMillis((long) ((total - done()) / rate * 1000)));
  }

  /** Where a replay is. */
  public enum State {
    RUNNING,
    PAUSED,
    DONE,
    CANCELLED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static State parse(String wire) {
      return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether it can still send. */
    public boolean unfinished() {
      return this == RUNNING || this == PAUSED;
    }
  }
}
