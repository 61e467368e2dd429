package io.acdest.adapters.activecampaign.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acdest.adapters.crm.CrmSandbox;
import io.acdest.adapters.crm.SandboxRoutes;
import io.acdest.adapters.crm.SandboxServer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A fake ActiveCampaign account on a Vert.x HTTP server: the v3 REST endpoints the client uses and the tracking
 * endpoints, one class per resource ({@link ContactsResource}, {@link TagsResource}, {@link FieldsResource},
 * {@link ListsResource}, {@link TrackingResource}, {@link BulkImportResource}) over one {@link SandboxAccount}, each
 * answering as the published API description and users' reports show ActiveCampaign answering, including its three
 * error shapes ({@link Replies}) and what others do to the account meanwhile (tags, fields and contacts created and
 * deleted through the same API). This class adds the account's limit of requests per second (429 with
 * Retry-After), fault injection, and a read-only view of everything at {@code GET /sandbox/state}.
 */
public final class ActiveCampaignSandbox implements CrmSandbox {
  private static final int RECENT_REQUESTS = 1_000;

  /** One request as the sandbox received it: for tests that check bodies against the published schemas. */
  public record ReceivedRequest(
      String endpoint, String contentType, String body, boolean hadApiToken) {}

  private final Vertx vertx;
  private boolean ownsVertx;
  private final SandboxSettings settings;
  private final SandboxAccount account;
  private final Replies replies;
  private HttpServer server;
  private HttpServer trackingServer;

  // Requests, guarded by this.
  private final Map<String, Integer> requestCounts = new TreeMap<>();
  private final Deque<ReceivedRequest> recent = new ArrayDeque<>();
  private final Map<String, Runnable> meanwhile = new java.util.HashMap<>();
  private final SandboxGate gate;

  private ActiveCampaignSandbox(Vertx vertx, SandboxSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.account = new SandboxAccount(settings);
    this.replies = new Replies(account.json);
    this.gate =
        new SandboxGate(
            vertx,
            replies,
            new HostLimit(settings.requestsPerSecond()),
            new HostLimit(settings.trackingRequestsPerSecond()));
  }

  /**
   * Starts a sandbox on {@code port} (0: any free port) of the loopback interface (it holds contacts' personal data and
   * answers anyone who can reach it) and waits until it listens.
   */
  public static ActiveCampaignSandbox start(Vertx vertx, SandboxSettings settings, int port) {
    ActiveCampaignSandbox sandbox = new ActiveCampaignSandbox(vertx, settings);
    var router = sandbox.router();
    sandbox.server = SandboxServer.listen(vertx, router, port, "the ActiveCampaign sandbox");
    // ActiveCampaign's tracking host is another host than the account's API: a burst of events
    // there does not delay the API's requests, so here it has a port, and an event loop, of its own
    sandbox.trackingServer =
        SandboxServer.listen(vertx, router, 0, "the ActiveCampaign sandbox's tracking host");
    try {
      sandbox.warmUp();
    } catch (Exception e) {
      throw new IllegalStateException("the ActiveCampaign sandbox did not answer itself", e);
    }
    return sandbox;
  }

  /**
   * One request to itself before anyone else's, so that the server's own first-request costs (class loading on a
   * cold JVM, up to a second on a busy machine) do not make the first real requests look as if they arrived together.
   */
  private void warmUp() throws Exception {
    WebClient self =
        WebClient.create(vertx, new WebClientOptions().setMetricsName("activecampaign sandbox"));
    try {
      self.getAbs(baseUrl() + "/sandbox/state")
          .send()
          .toCompletionStage()
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } finally {
      self.close();
    }
  }

  /** Stops listening. */
  @Override
  public void stop() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      trackingServer.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the ActiveCampaign sandbox did not stop", e);
    }
    if (ownsVertx) {
      SandboxServer.close(vertx);
    }
  }

  /** Starts a sandbox on a Vert.x of its own, which {@link #stop} closes with it. */
  public static ActiveCampaignSandbox startOwn(SandboxSettings settings, int port) {
    return SandboxServer.onOwnVertx(own -> start(own, settings, port)).closingItsVertx();
  }

  private ActiveCampaignSandbox closingItsVertx() {
    ownsVertx = true;
    return this;
  }

  public int port() {
    return server.actualPort();
  }

  /** The API URL; it also answers what the tracking host would. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * The tracking URL: the same account on a port and event loop of its own, as ActiveCampaign's tracking host is a
   * host of its own.
   */
  public String trackingUrl() {
    return "http://127.0.0.1:" + trackingServer.actualPort();
  }

  public SandboxSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- routing

  private Router router() {
    Router router = Router.router(vertx);
    // the moment of arrival, before the body is read and before any lock: what the host's limit
    // counts
    router
        .route()
        .handler(
            ctx -> {
              ctx.put(SandboxGate.ARRIVED, System.nanoTime());
              ctx.next();
            });
    router
        .route()
        .handler(BodyHandler.create().setBodyLimit(1024 * 1024).setHandleFileUploads(false));
    router.get("/sandbox/state").handler(ctx -> replies.json(ctx, 200, state()));
    router.post("/sandbox/faults").handler(this::addFault);
    router.post("/sandbox/tracking").handler(this::setTracking);
    router.route().handler(gate::admit);
    SandboxRoutes routes = (method, path, handler) -> route(router, method, path, handler);
    new ContactsResource(account, replies).mount(routes);
    new TagsResource(account, replies).mount(routes);
    new FieldsResource(account, replies).mount(routes);
    new ListsResource(account, replies).mount(routes);
    new TrackingResource(account, settings, replies).mount(routes);
    new BulkImportResource(account, replies).mount(routes);
    router
        .route()
        .handler(
            ctx -> replies.errors(ctx, 404, "Not Found", "no such endpoint in the sandbox", null));
    return router;
  }

  private void route(
      Router router, HttpMethod method, String path, Handler<RoutingContext> handler) {
    String endpoint = method.name() + " " + path;
    router
        .route(method, path)
        .handler(
            ctx -> {
              synchronized (this) {
                requestCounts.merge(endpoint, 1, Integer::sum);
                recent.addLast(
                    new ReceivedRequest(
                        endpoint,
                        ctx.request().getHeader("Content-Type"),
                        ctx.body().asString(),
                        ctx.request().getHeader("Api-Token") != null));
                if (recent.size() > RECENT_REQUESTS) {
                  recent.removeFirst();
                }
              }
              if (path.startsWith("/api/3")
                  && !tokenMatches(ctx.request().getHeader("Api-Token"))) {
                replies.message(ctx, 403, "You are not authorized to access this resource");
                return;
              }
              Runnable race;
              synchronized (this) {
                race = meanwhile.remove(endpoint);
              }
              // The account's work runs off the event loop: it takes the account's lock, which a
              // test reading the state may
              // hold, and a blocked event loop would read the next requests late and count them as
              // arriving together.
              vertx.executeBlocking(
                  () -> {
                    if (race != null) {
                      race.run();
                    }
                    handler.handle(ctx);
                    if (!HttpMethod.GET.equals(method)) {
                      synchronized (account) {
                        account.changed();
                      }
                    }
                    return null;
                  },
                  false);
            });
  }

  private boolean tokenMatches(String token) {
    return token != null
        && MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8),
            settings.apiKey().getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- sandbox control and state

  private void addFault(RoutingContext ctx) {
    JsonNode request = replies.bodyOf(ctx);
    SandboxFault fault =
        new SandboxFault(
            request.path("path").asText("/"),
            Math.max(1, request.path("times").asInt(1)),
            request.path("status").asInt(500),
            request.path("body").asText("{\"message\":\"injected fault\"}"),
            request.path("contentType").asText("application/json"),
            request.has("retryAfterSeconds")
                ? Optional.of(request.get("retryAfterSeconds").asInt())
                : Optional.empty(),
            request.path("hangMillis").asLong(0));
    inject(fault);
    replies.json(ctx, 200, account.json.createObjectNode().put("injected", true));
  }

  private void setTracking(RoutingContext ctx) {
    JsonNode request = replies.bodyOf(ctx);
    synchronized (account) {
      account.changed();
      if (request.has("siteTracking")) {
        account.siteTrackingEnabled = request.get("siteTracking").asBoolean();
      }
      if (request.has("eventTracking")) {
        account.eventTrackingEnabled = request.get("eventTracking").asBoolean();
      }
    }
    replies.json(ctx, 200, state().path("tracking"));
  }

  /** Injects a fault (also over HTTP: {@code POST /sandbox/faults}). */
  public void inject(SandboxFault fault) {
    gate.inject(fault);
  }

  /**
   * Runs {@code action} just before the next request to {@code endpoint} (e.g. {@code "POST /api/3/tags"}) is
   * handled: someone else changing the account between two requests of the service, a race made repeatable.
   */
  public synchronized void meanwhile(String endpoint, Runnable action) {
    meanwhile.put(endpoint, action);
  }

  // ------------------------------------------------ what people and other tools do to the account
  // meanwhile

  /** Creates a tag, as a marketer in the account's UI would; returns its id. */
  public String createTag(String name) {
    synchronized (account) {
      account.changed();
      return account
          .tagNamed(name)
          .orElseGet(() -> account.newTag(name, "contact"))
          .path("id")
          .asText();
    }
  }

  /** Creates a list, as a marketer in the account's UI would; returns its id. */
  public String createList(String name) {
    synchronized (account) {
      account.changed();
      String id = account.newId();
      account.lists.put(id, name);
      return id;
    }
  }

  /** Creates {@code count} tags named {@code prefix-0}, {@code prefix-1}, …: a large catalogue. */
  public void createTags(String prefix, int count) {
    synchronized (account) {
      account.changed();
      for (int i = 0; i < count; i++) {
        account.newTag(prefix + "-" + i, "contact");
      }
    }
  }

  /** Creates {@code count} text fields titled {@code prefix i} (perstag {@code PREFIX_I}): a large catalogue. */
  public void createFields(String prefix, int count) {
    synchronized (account) {
      account.changed();
      for (int i = 0; i < count; i++) {
        String id = account.newId();
        ObjectNode field =
            account
                .json
                .createObjectNode()
                .put("id", id)
                .put("title", prefix + " " + i)
                .put("perstag", (prefix + "_" + i).toUpperCase(java.util.Locale.ROOT))
                .put("type", "text");
        field.putArray("options");
        account.fields.put(id, field);
      }
    }
  }

  /** Deletes the tag with this name (ignoring case) and takes it off every contact. */
  public void deleteTag(String name) {
    synchronized (account) {
      account.changed();
      account.tagNamed(name).ifPresent(tag -> account.deleteTag(tag.path("id").asText()));
    }
  }

  /** Deletes the contact with this email, with its tags and list statuses. */
  public void deleteContact(String email) {
    synchronized (account) {
      account.changed();
      ObjectNode contact = account.contactByEmail(email.toLowerCase(java.util.Locale.ROOT));
      if (contact != null) {
        account.deleteContact(contact.path("id").asText());
      }
    }
  }

  /** Deletes the custom field with this personalization tag, with its values on every contact. */
  public void deleteField(String perstag) {
    synchronized (account) {
      account.changed();
      account.fields.values().stream()
          .filter(f -> f.path("perstag").asText().equalsIgnoreCase(perstag))
          .map(f -> f.path("id").asText())
          .toList()
          .forEach(account::deleteField);
    }
  }

  /** Removes every injected fault: the account answers normally again. */
  public void clearFaults() {
    gate.clearFaults();
  }

  /** Switches site tracking on or off (also over HTTP: {@code POST /sandbox/tracking}). */
  public void siteTracking(boolean enabled) {
    synchronized (account) {
      account.siteTrackingEnabled = enabled;
      account.changed();
    }
  }

  /** Switches event tracking on or off. */
  public void eventTracking(boolean enabled) {
    synchronized (account) {
      account.eventTrackingEnabled = enabled;
      account.changed();
    }
  }

  /** When each request to the REST API ({@code rest}) or the tracking host arrived (nanoTime), in order. */
  public List<Long> arrivals(boolean rest) {
    return gate.arrivals(rest);
  }

  /** The requests received lately, oldest first. */
  public synchronized List<ReceivedRequest> recentRequests() {
    return List.copyOf(recent);
  }

  // ---------------------------------------------------------------- kept across restarts

  /** The account's own id, kept with its state: what a service learns of this account belongs to it. */
  public String accountKey() {
    synchronized (account) {
      return account.key();
    }
  }

  /** How many changes the account has had since it started: a new snapshot is worth keeping when this moved. */
  @Override
  public long changes() {
    synchronized (account) {
      return account.changes();
    }
  }

  /** Everything the account holds (not the requests it counted), to be put back by {@link #restore} after a restart. */
  @Override
  public ObjectNode snapshot() {
    synchronized (account) {
      return account.snapshot().deepCopy();
    }
  }

  /** Puts back what a {@link #snapshot} held, replacing what the account holds. */
  public void restore(JsonNode snapshot) {
    synchronized (account) {
      account.restore(snapshot.deepCopy());
      account.changed();
    }
  }

  /** Everything the account holds and has seen, as {@code GET /sandbox/state} shows it. */
  @Override
  public ObjectNode state() {
    ObjectNode state;
    synchronized (account) {
      state = account.view();
    }
    synchronized (this) {
      ObjectNode requests = state.putObject("requests");
      requests.put("total", requestCounts.values().stream().mapToInt(Integer::intValue).sum());
      gate.report(requests);
      ObjectNode byEndpoint = requests.putObject("byEndpoint");
      requestCounts.forEach(byEndpoint::put);
    }
    return state;
  }
}
