package io.acdest.domain.delivery;

import io.acdest.domain.message.SourceId;
import java.util.List;

/**
 * Every destination's route (docs/behaviour.md §2): a call is delivered to each destination its source feeds and
 * its {@code integrations} let it through to; to none, it is stored {@code filtered} with the reason.
 */
public record Routes(List<Route> all) {
  public Routes {
    all = List.copyOf(all);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("at least one destination is needed");
    }
  }

  /** The routes of the destinations {@code source} feeds. */
  public List<Route> from(SourceId source) {
    return all.stream().filter(route -> route.fedBy(source)).toList();
  }
}
