package io.acdest.bootstrap;

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
 * cleared by the next delivered one, and forgotten after a while without either; one per destination. Readiness
 * reports it.
 */
final class ConfigurationPauses implements DeliveryPauses {
  private static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

  private final Clock clock;
  private final DestinationId destination;
  private volatile String reason;
  private volatile Instant at;

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

  void paused(String why) {
    reason = why;
    at = clock.instant();
  }

  void delivered() {
    reason = null;
  }

  @Override
  public List<DeliveryOverview.Pause> active() {
    return current()
        .map(
            why ->
                List.of(
                    new DeliveryOverview.Pause(what(), why, Optional.<java.time.Instant>empty())))
        .orElse(List.of());
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
