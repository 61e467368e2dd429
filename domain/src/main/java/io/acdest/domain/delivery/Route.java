package io.acdest.domain.delivery;

import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.model.ListIdFormat;
import java.util.Optional;
import java.util.Set;

/**
 * How calls reach one destination (docs/behaviour.md §2): from the sources that feed it (every source when {@code
 * sources} is empty), when their {@code integrations} let them through to it; an identify's lists must have the
 * form of its CRM's list ids.
 */
public record Route(
    DestinationId destination,
    Optional<Set<SourceId>> sources,
    IntegrationsFilter filter,
    ListIdFormat listIds) {

  public Route {
    sources = sources.map(Set::copyOf);
  }

  /** The route of the one destination the environment variables define: fed by every source. */
  public static Route everySourceTo(
      DestinationId destination, IntegrationsFilter filter, ListIdFormat listIds) {
    return new Route(destination, Optional.empty(), filter, listIds);
  }

  /** Whether {@code source} feeds this destination. */
  public boolean fedBy(SourceId source) {
    return sources.map(fed -> fed.contains(source)).orElse(true);
  }

  /** Whether a call with these {@code integrations} is meant for this destination. */
  public boolean lets(CallFields integrations) {
    return filter.delivers(integrations);
  }
}
