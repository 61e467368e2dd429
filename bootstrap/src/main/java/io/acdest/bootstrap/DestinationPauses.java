package io.acdest.bootstrap;

import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.DeliveryPauses;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every destination's configuration pauses, each its own: one destination's 401 pauses no other. */
final class DestinationPauses implements DeliveryPauses {
  private final Map<DestinationId, ConfigurationPauses> pauses = new LinkedHashMap<>();

  DestinationPauses(List<DestinationId> destinations, Clock clock) {
    destinations.forEach(id -> pauses.put(id, new ConfigurationPauses(clock, id)));
  }

  /** The pauses of {@code destination}, which its delivery sets and clears. */
  ConfigurationPauses setBy(DestinationId destination) {
    return pauses.get(destination);
  }

  /** Each destination's pauses, in the order of the configuration. */
  List<ConfigurationPauses> each() {
    return List.copyOf(pauses.values());
  }

  @Override
  public List<DeliveryOverview.Pause> active() {
    return pauses.values().stream().flatMap(p -> p.active().stream()).toList();
  }

  @Override
  public Optional<DeliveryOverview.Pause> of(DestinationId destination) {
    return Optional.ofNullable(pauses.get(destination))
        .flatMap(p -> p.active().stream().findFirst());
  }
}
