package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.activecampaign.sandbox.SandboxSettings;
import io.acdest.application.CallIntake;
import io.acdest.application.DeliveryService;
import io.acdest.application.EmailResolver;
import io.acdest.application.IdentifyService;
import io.acdest.application.IngestService;
import io.acdest.application.PageService;
import io.acdest.application.TrackService;
import io.acdest.application.fakes.InMemoryAttemptLog;
import io.acdest.application.fakes.InMemoryContactDirectory;
import io.acdest.application.fakes.InMemoryMessageStore;
import io.acdest.application.fakes.InMemoryRateLimiter;
import io.acdest.application.fakes.Trees;
import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.RetryPolicy;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.in.IngestCommand;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.CrmActivity;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.StoredMessage;
import io.acdest.domain.port.shared.RateLimiter;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A sandbox account, the ActiveCampaign adapter pointed at it through its Guice module, and the application's
 * services over in-memory stores: calls go in through intake and come out as requests the sandbox receives.
 */
final class SandboxHarness implements AutoCloseable {
  static final String API_KEY = "test-api-key-0123456789";
  static final SourceId SOURCE = new SourceId("web");

  final Vertx vertx = Vertx.vertx();
  final ActiveCampaignSandbox sandbox;
  final InMemoryRateLimiter limiter;
  final InMemoryMessageStore store = new InMemoryMessageStore(Clock.systemUTC());
  final InMemoryAttemptLog attempts = new InMemoryAttemptLog(store::jobOf);
  final CrmContacts contacts;
  private final AcHttp http;
  final CrmActivity activity;
  final InMemoryContactDirectory directory = new InMemoryContactDirectory();
  final IngestService ingest;
  final DeliveryService delivery;

  /** A fast sandbox and limiter, for tests of behaviour rather than of rates. */
  SandboxHarness() {
    this(1_000, 1_000, Duration.ofSeconds(2), "sandbox-event-key");
  }

  SandboxHarness(int sandboxRate, double clientRate, Duration timeout, String eventKey) {
    this(sandboxRate, clientRate, timeout, eventKey, API_KEY);
  }

  SandboxHarness(
      int sandboxRate, double clientRate, Duration timeout, String eventKey, String clientApiKey) {
    this(
        sandboxRate,
        new ActiveCampaignRates(clientRate, clientRate),
        timeout,
        eventKey,
        clientApiKey,
        Clock.systemUTC());
  }

  /** A sandbox at this rate, the adapter at these (tests of the budgets). */
  SandboxHarness(int sandboxRate, ActiveCampaignRates clientRates) {
    this(
        sandboxRate,
        clientRates,
        Duration.ofSeconds(2),
        "sandbox-event-key",
        API_KEY,
        Clock.systemUTC());
  }

  /** A fast sandbox, with the adapter's catalogues on this clock (tests of their refresh). */
  SandboxHarness(Clock catalogueClock) {
    this(
        1_000,
        new ActiveCampaignRates(1_000, 1_000),
        Duration.ofSeconds(2),
        "sandbox-event-key",
        API_KEY,
        catalogueClock);
  }

  private SandboxHarness(
      int sandboxRate,
      ActiveCampaignRates clientRates,
      Duration timeout,
      String eventKey,
      String clientApiKey,
      Clock catalogueClock) {
    sandbox =
        ActiveCampaignSandbox.start(
            vertx,
            new SandboxSettings(API_KEY, "1000", "sandbox-event-key", sandboxRate, true, true),
            0);
    limiter = new InMemoryRateLimiter(Clock.systemUTC());
    ActiveCampaignSettings settings =
        new ActiveCampaignSettings(
            URI.create(sandbox.baseUrl()),
            clientApiKey,
            "1000",
            Optional.ofNullable(eventKey),
            URI.create(sandbox.baseUrl()),
            timeout,
            clientRates);
    Injector injector =
        Guice.createInjector(
            new ActiveCampaignModule(settings, settings.account()),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Vertx.class).toInstance(vertx);
                bind(RateLimiter.class).toInstance(limiter);
                bind(AttemptLog.class).toInstance(attempts);
                bind(Clock.class).toInstance(catalogueClock);
              }
            });
    http = injector.getInstance(AcHttp.class);
    contacts = injector.getInstance(CrmContacts.class);
    activity = injector.getInstance(CrmActivity.class);
    EmailResolver emails = new EmailResolver(directory);
    io.acdest.application.WaitingCalls waiting =
        new io.acdest.application.WaitingCalls(
            store, directory, emails, Clock.systemUTC(), Duration.ofDays(7));
    CallIntake intake =
        new CallIntake(
            store,
            directory,
            ActiveCampaignModule.integrationsFilter(),
            ActiveCampaignModule.LIST_IDS,
            new io.acdest.application.fakes.InMemorySuppressions(),
            waiting);
    IdentifyService identify =
        new IdentifyService(contacts, directory, Clock.systemUTC(), Duration.ofHours(24));
    ingest = new IngestService(intake);
    delivery =
        new DeliveryService(
            store,
            identify,
            new TrackService(activity, emails),
            new PageService(activity, emails),
            waiting,
            RetryPolicy.DEFAULT,
            Duration.ofMinutes(1),
            Clock.systemUTC(),
            new Random(1),
            true);
  }

  static Map<String, Object> obj(Object... keysAndValues) {
    return Trees.obj(keysAndValues);
  }

  static List<Object> arr(Object... values) {
    return Trees.arr(values);
  }

  static Map<String, Object> identify(String messageId, String userId, Map<String, Object> traits) {
    return obj("type", "identify", "messageId", messageId, "userId", userId, "traits", traits);
  }

  static Map<String, Object> janeKim(Object... more) {
    Map<String, Object> traits =
        obj("firstName", "Jane", "lastName", "Kim", "email", "jane.kim@example.com");
    traits.putAll(obj(more));
    return traits;
  }

  /** Accepts the calls as one request, then delivers every due job; the outcomes in delivery order. */
  @SafeVarargs
  final List<DeliveryOutcome> deliver(Map<String, Object>... events) {
    List<ReceivedCall> calls =
        Arrays.stream(events)
            .map(
                e ->
                    new ReceivedCall(
                        SOURCE,
                        (String) e.get("type"),
                        CallFields.root(e),
                        Clock.systemUTC().instant()))
            .toList();
    ingest.ingest(new IngestCommand(calls, false));
    List<DeliveryOutcome> outcomes = new ArrayList<>();
    List<DeliveryJob> jobs;
    while (!(jobs = store.claim("test", 10, Duration.ofMinutes(1))).isEmpty()) {
      jobs.forEach(job -> outcomes.add(delivery.deliver(job)));
    }
    return outcomes;
  }

  /** The adapter's transport, for tests of its parts. */
  AcHttp http() {
    return http;
  }

  StoredMessage message(String messageId) {
    return store.find(new MessageKey(SOURCE, new MessageId(messageId))).orElseThrow();
  }

  JsonNode state() {
    return sandbox.state();
  }

  /** The sandbox's contact with this email, as its state shows it. */
  JsonNode contact(String email) {
    for (JsonNode contact : state().path("contacts")) {
      if (contact.path("email").asText().equals(email)) {
        return contact;
      }
    }
    throw new AssertionError("the sandbox has no contact " + email);
  }

  /** The request lines filed as attempts of the message with this id, in order. */
  List<String> attempts(String messageId) {
    return attempts.attemptsOf(new MessageKey(SOURCE, new MessageId(messageId))).stream()
        .map(attempt -> attempt.request().orElse(attempt.endpoint()))
        .toList();
  }

  int requests() {
    return state().path("requests").path("total").asInt();
  }

  int requests(String endpoint) {
    return state().path("requests").path("byEndpoint").path(endpoint).asInt(0);
  }

  @Override
  public void close() {
    sandbox.stop();
    vertx.close();
  }
}
