package io.acdest.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.acdest.application.CallIntake;
import io.acdest.application.DeliveryService;
import io.acdest.application.EmailResolver;
import io.acdest.application.IdentifyService;
import io.acdest.application.IngestService;
import io.acdest.application.MessageAdminService;
import io.acdest.application.PageService;
import io.acdest.application.TrackService;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.model.ListIdFormat;
import io.acdest.domain.delivery.RetryPolicy;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.in.IdentifyUseCase;
import io.acdest.domain.port.in.IngestCallsUseCase;
import io.acdest.domain.port.in.MessageAdminUseCase;
import io.acdest.domain.port.in.PageUseCase;
import io.acdest.domain.port.in.TrackUseCase;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.out.CrmActivity;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.DeliveryPauses;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.OperationsReadModel;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Builds the application services with their plain constructors over whatever the adapter modules bind to the
 * outgoing ports, and exposes them as the incoming ports.
 */
public final class ApplicationModule extends AbstractModule {
  private final DeliverySettings settings;

  public ApplicationModule(DeliverySettings settings) {
    this.settings = settings;
  }

  @Provides
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  CallIntake intake(MessageLog messageLog, ContactDirectory directory, IntegrationsFilter filter,
      ListIdFormat listIds) {
    return new CallIntake(messageLog, directory, filter, listIds);
  }

  @Provides
  @Singleton
  EmailResolver emailResolver(ContactDirectory directory) {
    return new EmailResolver(directory);
  }

  @Provides
  @Singleton
  IdentifyService identifyService(CallIntake intake, CrmContacts crm, ContactDirectory directory, Clock clock) {
    return new IdentifyService(intake, crm, directory, clock, settings.unchangedHorizon());
  }

  @Provides
  @Singleton
  TrackService trackService(CallIntake intake, CrmActivity crm, EmailResolver emails) {
    return new TrackService(intake, crm, emails);
  }

  @Provides
  @Singleton
  PageService pageService(CallIntake intake, CrmActivity crm, EmailResolver emails) {
    return new PageService(intake, crm, emails);
  }

  @Provides
  @Singleton
  DeliveryService deliveryService(
      DeliveryQueue queue, IdentifyService identify, TrackService track, PageService page, Clock clock) {
    return new DeliveryService(queue, identify, track, page,
        RetryPolicy.DEFAULT.withWindow(settings.retryWindow()), settings.configurationPause(), clock,
        RandomGenerator.getDefault(), settings.bulkImport());
  }

  @Provides
  @Singleton
  MessageAdminUseCase admin(MessageLog log, DeliveryQueue queue, AttemptLog attempts, OperationsReadModel reads,
      DeliveryPauses pauses, Clock clock) {
    return new MessageAdminService(log, queue, attempts, reads, pauses, clock);
  }

  @Provides
  IngestCallsUseCase ingest(CallIntake intake) {
    return new IngestService(intake);
  }

  @Provides
  IdentifyUseCase identify(IdentifyService service) {
    return service;
  }

  @Provides
  TrackUseCase track(TrackService service) {
    return service;
  }

  @Provides
  PageUseCase page(PageService service) {
    return service;
  }

  @Provides
  DeliverCallUseCase deliver(DeliveryService service) {
    return service;
  }
}
