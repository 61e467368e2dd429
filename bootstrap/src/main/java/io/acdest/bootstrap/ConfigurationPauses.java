package io.acdest.bootstrap;

import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.DeliveryPauses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether deliveries are paused by a configuration error (bad API key, tracking off): set by a paused delivery,
 * cleared by the next delivered one, and forgotten after a while without either; one per destination. It keeps
 * since when deliveries have been paused without a break. Readiness reports it.
 */
final class ConfigurationPauses implements DeliveryPauses {
  private static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

  private final Clock clock;
  private final DestinationId destination;
  private volatile String reason;
  private volatile Instant at;
  private volatile Instant since;
  private volatile DeliveryLane lane;

  /** The pauses of the variables' one destination. */
  ConfigurationPauses(Clock clock) {
    this(clock, DestinationId.DEFAULT);
  }

  ConfigurationPauses(Clock clock, DestinationId destination) {
    this.clock = clock;
    this.destination = destination;
  }

  /** The destination whose deliveries this pauses. */
  DestinationId destination() {
    return destination;
  }

  /** What is paused, as operators read it: every delivery (of the destination, when there are several). */
  String what() {
    return destination.equals(DestinationId.DEFAULT)
        ? "every delivery"
        : "every delivery to " + destination;
  }

  /** A delivery of {@code lane} was paused by a configuration error, {@code why}. */
  synchronized void paused(String why, DeliveryLane lane) {
    Instant now = clock.instant();
    if (current().isEmpty()) {
      since = now;
    }
    reason = why;
    at = now;
    this.lane = lane;
  }

  /**
   * A delivery of {@code lane} went through: the pause ends if it paused that lane. A delivery of the other lane says
   * nothing of the cause (identifies go through while event tracking is off), so the pause stays (issue 27: it went
   * quiet between two tries of the paused track).
   */
  synchronized void delivered(DeliveryLane lane) {
    if (lane == this.lane) {
      reason = null;
    }
  }

  @Override
  public List<DeliveryOverview.Pause> active() {
    return current()
        .map(why -> List.of(DeliveryOverview.Pause.configuration(what(), why, since)))
        .orElse(List.of());
  }

  /** Since when deliveries have been paused without a break, while they are. */
  Optional<Instant> pausedSince() {
    Instant from = since;
    return current().isPresent() ? Optional.ofNullable(from) : Optional.empty();
  }

  /** Why deliveries are paused, while they are. */
  Optional<String> current() {
    String why = reason;
    Instant when = at;
    return why != null && when != null && when.plus(REMEMBERED_FOR).isAfter(clock.instant())
        ? Optional.of(why)
        : Optional.empty();
  }
}
