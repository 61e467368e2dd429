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
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
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
  private static final String ARRIVED = "sandbox.arrivedNanos";

  /** One request as the sandbox received it: for tests that check bodies against the published schemas. */
  public record ReceivedRequest(
      String endpoint, String contentType, String body, boolean hadApiToken) {}

  /** A fault to inject: the next {@code times} requests whose path starts with {@code pathPrefix}. */
  public record Fault(
      String pathPrefix,
      int times,
      int status,
      String body,
      String contentType,
      Optional<Integer> retryAfterSeconds,
      long hangMillis,
      Optional<Instant> until) {

    public Fault(
        String pathPrefix,
        int times,
        int status,
        String body,
        String contentType,
        Optional<Integer> retryAfterSeconds,
        long hangMillis) {
      this(
          pathPrefix,
          times,
          status,
          body,
          contentType,
          retryAfterSeconds,
          hangMillis,
          Optional.empty());
    }

    /** Answer every request under the path with this status (no Retry-After) until the time passes: an outage. */
    public static Fault outage(String pathPrefix, int status, java.time.Duration lasting) {
      return new Fault(
          pathPrefix,
          Integer.MAX_VALUE,
          status,
          "{\"message\":\"Service Unavailable\"}",
          "application/json",
          Optional.empty(),
          0,
          Optional.of(Instant.now().plus(lasting)));
    }

    /** Answer with a status and an ActiveCampaign-style error body. */
    public static Fault status(String pathPrefix, int times, int status) {
      return new Fault(
          pathPrefix,
          times,
          status,
          "{\"message\":\"injected fault " + status + "\"}",
          "application/json",
          Optional.empty(),
          0);
    }

    /** Answer 429 (or another status) with a Retry-After header. */
    public static Fault retryAfter(String pathPrefix, int times, int status, int seconds) {
      return new Fault(
          pathPrefix,
          times,
          status,
          "{\"message\":\"slow down\"}",
          "application/json",
          Optional.of(seconds),
          0);
    }

    /** Answer with this body and content type (an HTML login page, an error text). */
    public static Fault body(
        String pathPrefix, int times, int status, String contentType, String body) {
      return new Fault(pathPrefix, times, status, body, contentType, Optional.empty(), 0);
    }

    /** Answer nothing for this long (past the client's timeout), then 504. */
    public static Fault hang(String pathPrefix, int times, long millis) {
      return new Fault(pathPrefix, times, 504, "{}", "application/json", Optional.empty(), millis);
    }
  }

  private final Vertx vertx;
  private boolean ownsVertx;
  private final SandboxSettings settings;
  private final SandboxAccount account;
  private final Replies replies;
  private HttpServer server;
  private HttpServer trackingServer;

  // Requests and faults, guarded by this.
  private final Map<String, Integer> requestCounts = new TreeMap<>();
  private final Deque<ReceivedRequest> recent = new ArrayDeque<>();
  private final List<Fault> faults = new ArrayList<>();
  private final HostLimit rest;
  private final HostLimit tracking;
  private final Map<String, Runnable> meanwhile = new java.util.HashMap<>();

  private ActiveCampaignSandbox(Vertx vertx, SandboxSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.account = new SandboxAccount(settings);
    this.rest = new HostLimit(settings.requestsPerSecond());
    this.tracking = new HostLimit(settings.trackingRequestsPerSecond());
    this.replies = new Replies(account.json);
  }

  /** Starts a sandbox on a Vert.x of its own, which {@link #stop} closes. */
  public static ActiveCampaignSandbox startOwn(SandboxSettings settings, int port) {
    ActiveCampaignSandbox sandbox = SandboxServer.onOwnVertx(own -> start(own, settings, port));
    sandbox.ownsVertx = true;
    return sandbox;
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
    io.vertx.ext.web.client.WebClient self = io.vertx.ext.web.client.WebClient.create(vertx);
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
              ctx.put(ARRIVED, System.nanoTime());
              ctx.next();
            });
    router
        .route()
        .handler(BodyHandler.create().setBodyLimit(1024 * 1024).setHandleFileUploads(false));
    router.get("/sandbox/state").handler(ctx -> replies.json(ctx, 200, state()));
    router.post("/sandbox/faults").handler(this::addFault);
    router.post("/sandbox/tracking").handler(this::setTracking);
    router.route().handler(this::gate);
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

  /**
   * Injected faults first (they stand for ActiveCampaign's answer), then the limit of the host the request is for:
   * the REST API ({@code /api/3}) and the tracking host ({@code /event}, {@code /visit}) each count their own.
   */
  private void gate(RoutingContext ctx) {
    String path = ctx.request().path();
    HostLimit host =
        path.startsWith("/api/3") ? rest : path.startsWith("/sandbox") ? null : tracking;
    Fault fault;
    synchronized (this) {
      fault = takeFault(path);
      long retryAfterSeconds = host == null ? 0 : host.arrive(ctx.get(ARRIVED), fault == null);
      if (retryAfterSeconds > 0) {
        ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        replies.errors(
            ctx,
            429,
            "Too Many Requests",
            "the sandbox allows " + host.perSecond() + " requests per second to this host",
            null);
        return;
      }
    }
    if (fault == null) {
      ctx.next();
      return;
    }
    Fault f = fault;
    f.retryAfterSeconds()
        .ifPresent(
            seconds -> {
              if (host != null) {
                synchronized (this) {
                  host.retryAfter(System.nanoTime() + seconds * 1_000_000_000L);
                }
              }
            });
    Runnable answer =
        () -> {
          f.retryAfterSeconds()
              .ifPresent(s -> ctx.response().putHeader("Retry-After", Integer.toString(s)));
          ctx.response()
              .setStatusCode(f.status())
              .putHeader("Content-Type", f.contentType())
              .end(f.body());
        };
    if (f.hangMillis() > 0) {
      vertx.setTimer(
          f.hangMillis(),
          id -> {
            if (!ctx.response().closed() && !ctx.response().ended()) {
              answer.run();
            }
          });
    } else {
      answer.run();
    }
  }

  private Fault takeFault(String path) {
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (fault.until().isPresent()) {
        if (fault.until().get().isBefore(Instant.now())) {
          it.remove();
          continue;
        }
        if (path.startsWith(fault.pathPrefix())) {
          return fault;
        }
        continue;
      }
      if (path.startsWith(fault.pathPrefix())) {
        it.remove();
        if (fault.times() > 1) {
          faults.add(
              new Fault(
                  fault.pathPrefix(),
                  fault.times() - 1,
                  fault.status(),
                  fault.body(),
                  fault.contentType(),
                  fault.retryAfterSeconds(),
                  fault.hangMillis()));
        }
        return fault;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- sandbox control and state

  private void addFault(RoutingContext ctx) {
    JsonNode request = replies.bodyOf(ctx);
    Fault fault =
        new Fault(
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
  public synchronized void inject(Fault fault) {
    faults.add(fault);
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
  public synchronized void clearFaults() {
    faults.clear();
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
  public synchronized List<Long> arrivals(boolean rest) {
    return (rest ? this.rest : tracking).arrivals();
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
      requests.put("throttled", rest.throttled() + tracking.throttled());
      rest.report(requests.putObject("rest"));
      tracking.report(requests.putObject("tracking"));
      ObjectNode byEndpoint = requests.putObject("byEndpoint");
      requestCounts.forEach(byEndpoint::put);
    }
    return state;
  }
}
