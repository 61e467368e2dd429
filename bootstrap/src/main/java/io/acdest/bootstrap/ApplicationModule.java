package io.acdest.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.acdest.application.CallIntake;
import io.acdest.application.EmailResolver;
import io.acdest.application.ErasureService;
import io.acdest.application.IngestService;
import io.acdest.application.MessageAdminService;
import io.acdest.application.ReplayService;
import io.acdest.application.WaitingCalls;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.DestinationProfile;
import io.acdest.domain.delivery.Route;
import io.acdest.domain.delivery.Routes;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.model.CrmAccount;
import io.acdest.domain.model.ListIdFormat;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.in.ErasureUseCase;
import io.acdest.domain.port.in.IngestCallsUseCase;
import io.acdest.domain.port.in.MessageAdminUseCase;
import io.acdest.domain.port.in.ReplayUseCase;
import io.acdest.domain.port.out.AccountStores;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.DeliveryPauses;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.OperationsReadModel;
import io.acdest.domain.port.out.PersonalData;
import io.acdest.domain.port.out.ReplayStore;
import io.acdest.domain.port.out.Suppressions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the application services with their plain constructors over whatever the adapter modules bind to the
 * outgoing ports, and exposes them as the incoming ports: the shared ones (intake, administration, erasure) here,
 * each destination's delivery in its own {@link DestinationModule}.
 */
public final class ApplicationModule extends AbstractModule {
  private final DeliverySettings settings;
  private final Duration deliveryLease;
  private final Duration retention;
  private final List<Routed> destinations;

  /**
   * A destination as intake routes to it: its id, its CRM's delivery graph, and the sources that feed it (every
   * source when empty).
   */
  record Routed(DestinationId id, String kind, Module crm, Optional<Set<SourceId>> sources) {}

  /**
   * The application over one CRM's module, the one destination the environment variables define.
   *
   * @param kind the CRM's kind, as operators are told
   */
  public ApplicationModule(DeliverySettings settings, String kind, Module crm) {
    this(
        settings,
        Duration.ofMinutes(2),
        Duration.ofDays(7),
        List.of(new Routed(DestinationId.DEFAULT, kind, crm, Optional.empty())));
  }

  /**
   * @param deliveryLease how long a claimed job is leased: an erasure waits that long for a delivery in flight
   * @param retention how long the audit log keeps a call: a call waiting for its person's email waits that long
   * @param destinations where accepted calls are delivered; the first one's account holds the contact ids known
   *     from before they were kept per account
   */
  ApplicationModule(
      DeliverySettings settings,
      Duration deliveryLease,
      Duration retention,
      List<Routed> destinations) {
    this.settings = settings;
    this.deliveryLease = deliveryLease;
    this.retention = retention;
    this.destinations = List.copyOf(destinations);
  }

  @Override
  protected void configure() {
    for (Routed destination : destinations) {
      install(new DestinationModule(destination.id(), destination.crm(), settings));
    }
  }

  private DestinationId first() {
    return destinations.get(0).id();
  }

  @Provides
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Each destination's route: a configured destination answers in {@code integrations} to its id, then to its
   * CRM's name; the variables' one destination to its CRM's name.
   */
  @Provides
  @Singleton
  Routes routes(Injector injector) {
    List<Route> routes = new ArrayList<>();
    for (Routed destination : destinations) {
      IntegrationsFilter crmName =
          injector.getInstance(DestinationModule.key(IntegrationsFilter.class, destination.id()));
      IntegrationsFilter filter =
          destination.id().equals(DestinationId.DEFAULT)
              ? crmName
              : new IntegrationsFilter(destination.id().value(), List.of(crmName.destination()));
      routes.add(
          new Route(
              destination.id(),
              destination.sources(),
              filter,
              injector.getInstance(DestinationModule.key(ListIdFormat.class, destination.id()))));
    }
    return new Routes(routes);
  }

  /** The shared part of the contact directory (identities, aliases) with the first destination's contact ids. */
  @Provides
  @Singleton
  ContactDirectory directory(AccountStores stores, Injector injector) {
    return stores.directory(injector.getInstance(DestinationModule.key(CrmAccount.class, first())));
  }

  @Provides
  @Singleton
  CallIntake intake(
      MessageLog messageLog,
      ContactDirectory directory,
      Routes routes,
      Suppressions suppressions,
      WaitingCalls waiting) {
    return new CallIntake(messageLog, directory, routes, suppressions, waiting);
  }

  @Provides
  @Singleton
  WaitingCalls waitingCalls(
      DeliveryQueue queue, ContactDirectory directory, EmailResolver emails, Clock clock) {
    return new WaitingCalls(queue, directory, emails, clock, retention);
  }

  @Provides
  @Singleton
  EmailResolver emailResolver(ContactDirectory directory) {
    return new EmailResolver(directory);
  }

  /** Each destination's delivery, by id, in the order of the configuration. */
  @Provides
  @Singleton
  Map<DestinationId, DeliverCallUseCase> deliveries(Injector injector) {
    Map<DestinationId, DeliverCallUseCase> deliveries = new LinkedHashMap<>();
    for (Routed destination : destinations) {
      deliveries.put(
          destination.id(),
          injector.getInstance(DestinationModule.key(DeliverCallUseCase.class, destination.id())));
    }
    return deliveries;
  }

  @Provides
  @Singleton
  MessageAdminUseCase admin(
      MessageLog log,
      DeliveryQueue queue,
      AttemptLog attempts,
      OperationsReadModel reads,
      DeliveryPauses pauses,
      Clock clock,
      Injector injector) {
    List<DestinationProfile> profiles = new ArrayList<>();
    for (Routed destination : destinations) {
      profiles.add(
          new DestinationProfile(
              destination.id(),
              destination.kind(),
              injector
                  .getInstance(DestinationModule.key(CrmAccount.class, destination.id()))
                  .id()));
    }
    return new MessageAdminService(log, queue, attempts, reads, pauses, clock, profiles);
  }

  @Provides
  @Singleton
  ErasureUseCase erasure(
      AccountStores stores, Suppressions suppressions, Injector injector, Clock clock) {
    Map<DestinationId, CrmContacts> crms = new LinkedHashMap<>();
    for (Routed destination : destinations) {
      crms.put(
          destination.id(),
          injector.getInstance(DestinationModule.key(CrmContacts.class, destination.id())));
    }
    PersonalData data =
        stores.personalData(injector.getInstance(DestinationModule.key(CrmAccount.class, first())));
    // a delivery of the person already in flight is waited for as long as its lease can last
    return new ErasureService(data, suppressions, crms, clock, deliveryLease);
  }

  @Provides
  @Singleton
  ReplayUseCase replays(ReplayStore store, Routes routes, Suppressions suppressions, Clock clock) {
    return new ReplayService(store, routes, suppressions, clock);
  }

  @Provides
  IngestCallsUseCase ingest(CallIntake intake) {
    return new IngestService(intake);
  }
}
