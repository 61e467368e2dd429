package io.acdest.bootstrap;

import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.PrivateModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Names;
import io.acdest.application.DeliveryService;
import io.acdest.application.EmailResolver;
import io.acdest.application.IdentifyService;
import io.acdest.application.PageService;
import io.acdest.application.TrackService;
import io.acdest.application.WaitingCalls;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.RetryPolicy;
import io.acdest.domain.model.CrmAccount;
import io.acdest.domain.model.ListIdFormat;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.in.IdentifyUseCase;
import io.acdest.domain.port.in.PageUseCase;
import io.acdest.domain.port.in.TrackUseCase;
import io.acdest.domain.port.out.AccountStores;
import io.acdest.domain.port.out.CrmActivity;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.DeliveryQueue;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * One destination's delivery graph (decision 0029): its CRM's module (ports, catalogues, caches) and the services
 * that deliver over it, private to it, so that two destinations of one kind each have their own. It exposes, under
 * the destination's id ({@link #key}), what the rest of the service uses: the delivery use case its workers run,
 * its CRM's contacts for erasures, its account, and the integrations name and list-id form intake routes by.
 */
final class DestinationModule extends PrivateModule {
  private final DestinationId destination;
  private final Module crm;
  private final DeliverySettings settings;

  DestinationModule(DestinationId destination, Module crm, DeliverySettings settings) {
    this.destination = destination;
    this.crm = crm;
    this.settings = settings;
  }

  /** The key under which the destination's {@code type} is exposed. */
  static <T> Key<T> key(Class<T> type, DestinationId destination) {
    return Key.get(type, Names.named(destination.value()));
  }

  @Override
  protected void configure() {
    install(crm);
    for (Class<?> type :
        java.util.List.of(
            DeliverCallUseCase.class,
            CrmContacts.class,
            CrmAccount.class,
            IntegrationsFilter.class,
            ListIdFormat.class)) {
      exposeUnderId(type);
    }
  }

  private <T> void exposeUnderId(Class<T> type) {
    bind(key(type, destination)).to(type);
    expose(key(type, destination));
  }

  @Provides
  @Singleton
  IdentifyUseCase identify(CrmContacts crm, AccountStores stores, CrmAccount account, Clock clock) {
    return new IdentifyService(crm, stores.directory(account), clock, settings.unchangedHorizon());
  }

  @Provides
  @Singleton
  TrackUseCase track(CrmActivity crm, EmailResolver emails) {
    return new TrackService(crm, emails);
  }

  @Provides
  @Singleton
  PageUseCase page(CrmActivity crm, EmailResolver emails) {
    return new PageService(crm, emails);
  }

  @Provides
  @Singleton
  DeliverCallUseCase deliver(
      DeliveryQueue queue,
      IdentifyUseCase identify,
      TrackUseCase track,
      PageUseCase page,
      WaitingCalls waiting,
      Clock clock) {
    return new DeliveryService(
        queue,
        identify,
        track,
        page,
        waiting,
        RetryPolicy.DEFAULT.withWindow(settings.retryWindow()),
        settings.configurationPause(),
        clock,
        RandomGenerator.getDefault(),
        settings.bulkImport());
  }
}
