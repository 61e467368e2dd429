package io.acdest.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.acdest.application.CallIntake;
import io.acdest.application.DeliveryService;
import io.acdest.application.EmailResolver;
import io.acdest.application.ErasureService;
import io.acdest.application.IdentifyService;
import io.acdest.application.IngestService;
import io.acdest.application.MessageAdminService;
import io.acdest.application.PageService;
import io.acdest.application.TrackService;
import io.acdest.application.WaitingCalls;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.RetryPolicy;
import io.acdest.domain.model.ListIdFormat;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.in.ErasureUseCase;
import io.acdest.domain.port.in.IdentifyUseCase;
import io.acdest.domain.port.in.IngestCallsUseCase;
import io.acdest.domain.port.in.MessageAdminUseCase;
import io.acdest.domain.port.in.PageUseCase;
import io.acdest.domain.port.in.TrackUseCase;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.out.CrmActivity;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.DeliveryPauses;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.OperationsReadModel;
import io.acdest.domain.port.out.PersonalData;
import io.acdest.domain.port.out.Suppressions;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Builds the application services with their plain constructors over whatever the adapter modules bind to the
 * outgoing ports, and exposes them as the incoming ports.
 */
public final class ApplicationModule extends AbstractModule {
  private final DeliverySettings settings;
  private final Duration deliveryLease;
  private final Duration retention;
  private final DestinationId destination;

  public ApplicationModule(DeliverySettings settings) {
    this(settings, Duration.ofMinutes(2), Duration.ofDays(7), DestinationId.DEFAULT);
  }

  /**
   * @param deliveryLease how long a claimed job is leased: an erasure waits that long for a delivery in flight
   * @param retention how long the audit log keeps a call: a call waiting for its person's email waits that long
   * @param destination the destination accepted calls are delivered to
   */
  public ApplicationModule(
      DeliverySettings settings,
      Duration deliveryLease,
      Duration retention,
      DestinationId destination) {
    this.destination = destination;
    this.settings = settings;
    this.deliveryLease = deliveryLease;
    this.retention = retention;
  }

  @Provides
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  CallIntake intake(
      MessageLog messageLog,
      ContactDirectory directory,
      IntegrationsFilter filter,
      ListIdFormat listIds,
      Suppressions suppressions,
      WaitingCalls waiting) {
    return new CallIntake(
        messageLog, directory, filter, listIds, suppressions, waiting, destination);
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

  @Provides
  @Singleton
  IdentifyUseCase identify(CrmContacts crm, ContactDirectory directory, Clock clock) {
    return new IdentifyService(crm, directory, clock, settings.unchangedHorizon());
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

  @Provides
  @Singleton
  MessageAdminUseCase admin(
      MessageLog log,
      DeliveryQueue queue,
      AttemptLog attempts,
      OperationsReadModel reads,
      DeliveryPauses pauses,
      Clock clock) {
    return new MessageAdminService(log, queue, attempts, reads, pauses, clock);
  }

  @Provides
  @Singleton
  ErasureUseCase erasure(
      PersonalData data, Suppressions suppressions, CrmContacts crm, Clock clock) {
    // a delivery of the person already in flight is waited for as long as its lease can last
    return new ErasureService(data, suppressions, crm, clock, deliveryLease);
  }

  @Provides
  IngestCallsUseCase ingest(CallIntake intake) {
    return new IngestService(intake);
  }
}
