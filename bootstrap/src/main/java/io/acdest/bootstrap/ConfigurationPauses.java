package io.acdest.bootstrap;

import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.DeliveryPauses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether deliveries are paused by a configuration error (bad API key, tracking off): set by a paused delivery,
 * cleared by the next delivered one, and forgotten after a while without either. Readiness reports it.
 */
final class ConfigurationPauses implements DeliveryPauses {
  private static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

  private final Clock clock;
  private volatile String reason;
  private volatile Instant at;

  ConfigurationPauses(Clock clock) {
    this.clock = clock;
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
                    new DeliveryOverview.Pause(
                        "every delivery", why, Optional.<java.time.Instant>empty())))
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
