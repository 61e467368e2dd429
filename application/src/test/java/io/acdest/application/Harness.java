package io.acdest.application;

import io.acdest.application.fakes.FakeCrm;
import io.acdest.application.fakes.InMemoryContactDirectory;
import io.acdest.application.fakes.InMemoryMessageStore;
import io.acdest.application.fakes.MutableClock;
import io.acdest.application.fakes.Trees;
import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.RetryPolicy;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.model.CustomFieldDefinition;
import io.acdest.domain.port.in.IngestCommand;
import io.acdest.domain.port.in.IngestReport;
import io.acdest.domain.port.out.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The application services wired over in-memory fakes of every out-port, as the composition root wires them. */
final class Harness {
  static final SourceId SOURCE = new SourceId("web");
  static final Duration CONFIGURATION_PAUSE = Duration.ofMinutes(1);
  static final RetryPolicy RETRIES =
      new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofHours(4), 0);

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  final InMemoryMessageStore store = new InMemoryMessageStore(clock);
  final InMemoryContactDirectory directory = new InMemoryContactDirectory();
  final FakeCrm crm =
      new FakeCrm(
          List.of(
              new CustomFieldDefinition("1", "SHIRT_SIZE", "Shirt size"),
              new CustomFieldDefinition("2", "STATE", "State"),
              new CustomFieldDefinition("3", "MULTI_CHOICE", "Multi choice")));
  final io.acdest.application.fakes.InMemorySuppressions suppressions =
      new io.acdest.application.fakes.InMemorySuppressions();
  final EmailResolver emails = new EmailResolver(directory);
  final WaitingCalls waiting =
      new WaitingCalls(store, directory, emails, clock, Duration.ofDays(7));
  final CallIntake intake =
      new CallIntake(
          store,
          directory,
          new IntegrationsFilter("ActiveCampaign"),
          io.acdest.domain.model.ListIdFormat.ANY,
          suppressions,
          waiting);
  final IdentifyService identify = new IdentifyService(crm, directory, clock, Duration.ofHours(24));
  final TrackService track = new TrackService(crm, emails);
  final PageService page = new PageService(crm, emails);
  final IngestService ingest = new IngestService(intake);
  final DeliveryService delivery =
      new DeliveryService(
          store,
          identify,
          track,
          page,
          waiting,
          RETRIES,
          CONFIGURATION_PAUSE,
          clock,
          new Random(1),
          true);

  static Map<String, Object> obj(Object... keysAndValues) {
    return Trees.obj(keysAndValues);
  }

  static List<Object> arr(Object... values) {
    return Trees.arr(values);
  }

  /** A call as the inbound adapter hands it over; its type is the event's {@code type}. */
  ReceivedCall received(Map<String, Object> event) {
    return new ReceivedCall(
        SOURCE, (String) event.getOrDefault("type", ""), CallFields.root(event), clock.instant());
  }

  @SafeVarargs
  final IngestReport accept(Map<String, Object>... events) {
    return ingest(false, events);
  }

  @SafeVarargs
  final IngestReport ingest(boolean strict, Map<String, Object>... events) {
    return ingest.ingest(
        new IngestCommand(Arrays.stream(events).map(this::received).toList(), strict));
  }

  /** Claims and delivers due jobs until none is due; returns the outcomes in delivery order. */
  List<DeliveryOutcome> deliverDue() {
    List<DeliveryOutcome> outcomes = new ArrayList<>();
    List<DeliveryJob> jobs;
    while (!(jobs = store.claim("test-worker", 10, Duration.ofMinutes(1))).isEmpty()) {
      jobs.forEach(job -> outcomes.add(delivery.deliver(job)));
    }
    return outcomes;
  }

  /** The operators' use case over this harness's store (its attempts not recorded). */
  MessageAdminService admin() {
    return new MessageAdminService(
        store,
        store,
        new io.acdest.application.fakes.InMemoryAttemptLog(store::jobOf),
        store,
        List::of,
        clock);
  }

  StoredMessage message(String messageId) {
    return store.find(new MessageKey(SOURCE, new MessageId(messageId))).orElseThrow();
  }

  static MessageKey key(String messageId) {
    return new MessageKey(SOURCE, new MessageId(messageId));
  }
}
