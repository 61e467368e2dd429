package io.acdest.application;

import io.acdest.domain.call.CallMapping;
import io.acdest.domain.call.MappedCall;
import io.acdest.domain.call.PersonIdentifiers;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.Route;
import io.acdest.domain.delivery.Routes;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.port.in.ReplayUseCase;
import io.acdest.domain.port.out.ReplayStore;
import io.acdest.domain.port.out.Suppressions;
import io.acdest.domain.replay.Replay;
import io.acdest.domain.replay.ReplayPlan;
import io.acdest.domain.replay.ReplayRequest;
import io.acdest.domain.replay.ReplayRule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The replay use case (docs/behaviour.md §7). A replay covers the calls its request selects from the sources that
 * feed its destination now; as it reaches each call it checks, as the intake would today, that the call's {@code
 * integrations} let it through to the destination and that its person is not suppressed, then applies {@link
 * ReplayRule}. It queues a window of deliveries at a time, behind live ones, so that live calls keep their pace and
 * a pause or a cancel takes effect at once.
 */
public final class ReplayService implements ReplayUseCase {
  /** Calls looked at in one step. */
  static final int CHUNK = 250;

  /** The most unfinished deliveries one replay keeps in its destination's queue. */
  static final int WINDOW = 500;

  private final ReplayStore store;
  private final Routes routes;
  private final Suppressions suppressions;
  private final Clock clock;

  public ReplayService(ReplayStore store, Routes routes, Suppressions suppressions, Clock clock) {
    this.store = store;
    this.routes = routes;
    this.suppressions = suppressions;
    this.clock = clock;
  }

  @Override
  public ReplayPlan plan(ReplayRequest request) {
    return ReplayPlan.of(store.coverage(request, fedBy(request)), request.resendDelivered());
  }

  @Override
  public Started start(ReplayRequest request) {
    Optional<Set<SourceId>> fedBy = fedBy(request);
    ReplayPlan plan = ReplayPlan.of(store.coverage(request, fedBy), request.resendDelivered());
    return new Started(store.create(request, fedBy, plan.total(), clock.instant()), plan);
  }

  @Override
  public Optional<Replay> find(long id) {
    return store.find(id);
  }

  @Override
  public List<Replay> list(int limit) {
    return store.list(limit);
  }

  @Override
  public Optional<Replay> pause(long id) {
    return store.change(id, Replay.State.PAUSED, clock.instant());
  }

  @Override
  public Optional<Replay> resume(long id) {
    return store.change(id, Replay.State.RUNNING, clock.instant());
  }

  @Override
  public Optional<Replay> cancel(long id) {
    return store.change(id, Replay.State.CANCELLED, clock.instant());
  }

  @Override
  public boolean advance() {
    boolean queued = false;
    for (long id : store.running()) {
      Optional<Replay> replay = store.find(id);
      if (replay.isEmpty()) {
        continue;
      }
      Optional<Route> route = route(replay.get().request().destination());
      ReplayStore.Step step =
          store.step(
              id,
              CHUNK,
              WINDOW,
              candidates -> decide(route, replay.get().request(), candidates),
              clock.instant());
      queued |= step == ReplayStore.Step.QUEUED;
    }
    return queued;
  }

  /** How to queue each candidate, or empty to pass it over. */
  private List<Optional<ReplayStore.Queued>> decide(
      Optional<Route> route, ReplayRequest request, List<ReplayStore.Candidate> candidates) {
    List<Set<String>> hashes = new ArrayList<>(candidates.size());
    Set<String> all = new HashSet<>();
    for (ReplayStore.Candidate candidate : candidates) {
      Set<String> person = PersonIdentifiers.of(candidate.call().event()).hashes();
      hashes.add(person);
      all.addAll(person);
    }
    Set<String> suppressed = all.isEmpty() ? Set.of() : suppressions.suppressedAmong(all);
    List<Optional<ReplayStore.Queued>> decisions = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      ReplayStore.Candidate candidate = candidates.get(i);
      boolean send =
          route.isPresent()
              && hashes.get(i).stream().noneMatch(suppressed::contains)
              && ReplayRule.verdict(
                      candidate.type(),
                      candidate.delivery(),
                      candidate.sentByThisReplay(),
                      request.resendDelivered())
                  .send();
      decisions.add(send ? queued(route.get(), candidate) : Optional.empty());
    }
    return decisions;
  }

  /** The call's ordering key and lane, when its integrations let it through to the route's destination. */
  private static Optional<ReplayStore.Queued> queued(Route route, ReplayStore.Candidate candidate) {
    MappedCall mapped;
    try {
      mapped = CallMapping.map(candidate.call());
    } catch (InvalidField broken) {
      return Optional.empty();
    }
    if (!route.lets(mapped.envelope().integrations())) {
      return Optional.empty();
    }
    return Optional.of(
        new ReplayStore.Queued(mapped.envelope().orderingKey(), DeliveryLane.of(candidate.type())));
  }

  /** The sources whose calls the replay covers: those it names among those that feed its destination now. */
  private Optional<Set<SourceId>> fedBy(ReplayRequest request) {
    Route route =
        route(request.destination())
            .orElseThrow(
                () ->
                    new InvalidField(
                        "destination",
                        "must be one of the enabled destinations: "
                            + String.join(
                                ", ",
                                routes.all().stream().map(r -> r.destination().value()).toList())));
    if (request.sources().isEmpty()) {
      return route.sources();
    }
    for (SourceId source : request.sources()) {
      if (!route.fedBy(source)) {
        throw new InvalidField(
            "sources",
            "source " + source.value() + " does not feed " + request.destination().value());
      }
    }
    return Optional.of(request.sources());
  }

  private Optional<Route> route(DestinationId destination) {
    return routes.all().stream().filter(r -> r.destination().equals(destination)).findFirst();
  }
}
