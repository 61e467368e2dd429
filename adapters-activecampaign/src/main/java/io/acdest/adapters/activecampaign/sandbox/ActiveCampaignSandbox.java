package io.acdest.adapters.activecampaign.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A fake ActiveCampaign account on a Vert.x HTTP server: the v3 REST endpoints the client uses and the tracking
 * endpoints, with ActiveCampaign's semantics (contacts keyed by email with string ids, tags unique ignoring case,
 * duplicate answers, list statuses "1"/"2", site tracking and event tracking that can be off), its limit of
 * requests per second answered with 429 and Retry-After, fault injection, and a read-only view of everything at
 * {@code GET /sandbox/state}.
 */
public final class ActiveCampaignSandbox {
  private static final int RECENT_REQUESTS = 1_000;

  /** One request as the sandbox received it: for tests that check bodies against the published schemas. */
  public record ReceivedRequest(String endpoint, String contentType, String body, boolean hadApiToken) {}

  /** A fault to inject: the next {@code times} requests whose path starts with {@code pathPrefix}. */
  public record Fault(String pathPrefix, int times, int status, String body, String contentType,
      Optional<Integer> retryAfterSeconds, long hangMillis, Optional<Instant> until) {

    public Fault(String pathPrefix, int times, int status, String body, String contentType,
        Optional<Integer> retryAfterSeconds, long hangMillis) {
      this(pathPrefix, times, status, body, contentType, retryAfterSeconds, hangMillis, Optional.empty());
    }

    /** Answer every request under the path with this status (no Retry-After) until the time passes: an outage. */
    public static Fault outage(String pathPrefix, int status, java.time.Duration lasting) {
      return new Fault(pathPrefix, Integer.MAX_VALUE, status, "{\"message\":\"Service Unavailable\"}",
          "application/json", Optional.empty(), 0, Optional.of(Instant.now().plus(lasting)));
    }

    /** Answer with a status and an ActiveCampaign-style error body. */
    public static Fault status(String pathPrefix, int times, int status) {
      return new Fault(pathPrefix, times, status, "{\"message\":\"injected fault " + status + "\"}",
          "application/json", Optional.empty(), 0);
    }

    /** Answer 429 (or another status) with a Retry-After header. */
    public static Fault retryAfter(String pathPrefix, int times, int status, int seconds) {
      return new Fault(pathPrefix, times, status, "{\"message\":\"slow down\"}", "application/json",
          Optional.of(seconds), 0);
    }

    /** Answer with this body and content type (an HTML login page, an error text). */
    public static Fault body(String pathPrefix, int times, int status, String contentType, String body) {
      return new Fault(pathPrefix, times, status, body, contentType, Optional.empty(), 0);
    }

    /** Answer nothing for this long (past the client's timeout), then 504. */
    public static Fault hang(String pathPrefix, int times, long millis) {
      return new Fault(pathPrefix, times, 504, "{}", "application/json", Optional.empty(), millis);
    }
  }

  private final Vertx vertx;
  private final SandboxSettings settings;
  private final ObjectMapper json = new ObjectMapper();
  private HttpServer server;

  // The account's state, guarded by this.
  private final Map<String, ObjectNode> contacts = new LinkedHashMap<>();
  private final Map<String, ObjectNode> tags = new LinkedHashMap<>();
  private final Map<String, ObjectNode> contactTags = new LinkedHashMap<>();
  private final List<ObjectNode> fields = new ArrayList<>();
  private final Map<String, String> lists = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> listStatuses = new LinkedHashMap<>();
  private final Set<String> domains = new LinkedHashSet<>();
  private final List<ObjectNode> visits = new ArrayList<>();
  private final List<ObjectNode> events = new ArrayList<>();
  private final Map<String, Integer> requestCounts = new TreeMap<>();
  private final Deque<ReceivedRequest> recent = new ArrayDeque<>();
  private final List<Fault> faults = new ArrayList<>();
  private final Deque<Long> window = new ArrayDeque<>();
  private final Deque<Long> arrivals = new ArrayDeque<>();
  private boolean siteTrackingEnabled;
  private boolean eventTrackingEnabled;
  private int throttled;
  private int maxInOneSecond;
  private long retryAfterDeadline;
  private int beforeRetryAfter;
  private long nextId = 1;

  private ActiveCampaignSandbox(Vertx vertx, SandboxSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.siteTrackingEnabled = settings.siteTrackingEnabled();
    this.eventTrackingEnabled = settings.eventTrackingEnabled();
    seed();
  }

  /** Starts a sandbox on {@code port} (0: any free port) and waits until it listens. */
  public static ActiveCampaignSandbox start(Vertx vertx, SandboxSettings settings, int port) {
    ActiveCampaignSandbox sandbox = new ActiveCampaignSandbox(vertx, settings);
    try {
      sandbox.server = vertx.createHttpServer().requestHandler(sandbox.router()).listen(port)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the ActiveCampaign sandbox could not listen on port " + port, e);
    }
    return sandbox;
  }

  /** Stops listening. */
  public void stop() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the ActiveCampaign sandbox did not stop", e);
    }
  }

  public int port() {
    return server.actualPort();
  }

  /** The URL to use as both the API URL and the tracking URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public SandboxSettings settings() {
    return settings;
  }

  private void seed() {
    try (InputStream in = ActiveCampaignSandbox.class.getClassLoader().getResourceAsStream("sandbox/catalogue.json")) {
      JsonNode catalogue = json.readTree(in);
      catalogue.path("fields").forEach(field -> fields.add((ObjectNode) field));
      catalogue.path("lists").forEach(list -> lists.put(list.path("id").asText(), list.path("name").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException("the sandbox catalogue could not be read", e);
    }
  }

  // ---------------------------------------------------------------- routing

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(1024 * 1024));
    router.get("/sandbox/state").handler(ctx -> reply(ctx, 200, state()));
    router.post("/sandbox/faults").handler(this::addFault);
    router.post("/sandbox/tracking").handler(this::setTracking);
    router.route().handler(this::gate);
    route(router, HttpMethod.GET, "/api/3/contacts", this::findContacts);
    route(router, HttpMethod.POST, "/api/3/contact/sync", this::syncContact);
    route(router, HttpMethod.PUT, "/api/3/contacts/:id", this::updateContact);
    route(router, HttpMethod.GET, "/api/3/contacts/:id/contactTags", this::contactTagsOf);
    route(router, HttpMethod.GET, "/api/3/tags", this::listTags);
    route(router, HttpMethod.POST, "/api/3/tags", this::createTag);
    route(router, HttpMethod.POST, "/api/3/contactTags", this::attachTag);
    route(router, HttpMethod.DELETE, "/api/3/contactTags/:id", this::detachTag);
    route(router, HttpMethod.GET, "/api/3/fields", this::listFields);
    route(router, HttpMethod.POST, "/api/3/contactLists", this::setListStatus);
    route(router, HttpMethod.POST, "/api/3/siteTrackingDomains", this::allowDomain);
    route(router, HttpMethod.POST, "/api/3/import/bulk_import", this::bulkImport);
    route(router, HttpMethod.POST, "/event", this::trackEvent);
    route(router, HttpMethod.GET, "/visit", this::recordVisit);
    router.route().handler(ctx -> reply(ctx, 404, error("Not Found", "no such endpoint in the sandbox")));
    return router;
  }

  private void route(Router router, HttpMethod method, String path, Handler<RoutingContext> handler) {
    String endpoint = method.name() + " " + path;
    router.route(method, path).handler(ctx -> {
      synchronized (this) {
        requestCounts.merge(endpoint, 1, Integer::sum);
        recent.addLast(new ReceivedRequest(endpoint, ctx.request().getHeader("Content-Type"),
            ctx.body().asString(), ctx.request().getHeader("Api-Token") != null));
        if (recent.size() > RECENT_REQUESTS) {
          recent.removeFirst();
        }
      }
      if (path.startsWith("/api/3") && !tokenMatches(ctx.request().getHeader("Api-Token"))) {
        reply(ctx, 403, json.createObjectNode().put("message", "You are not authorized to access this resource"));
        return;
      }
      handler.handle(ctx);
    });
  }

  private boolean tokenMatches(String token) {
    return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
        settings.apiKey().getBytes(StandardCharsets.UTF_8));
  }

  /** Injected faults first (they stand for ActiveCampaign's answer), then the account's rate limit. */
  private void gate(RoutingContext ctx) {
    String path = ctx.request().path();
    Fault fault;
    synchronized (this) {
      long arrived = System.nanoTime();
      if (!path.startsWith("/sandbox") && arrived < retryAfterDeadline) {
        beforeRetryAfter++;
      }
      fault = takeFault(path);
      long now = System.nanoTime();
      while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) {
        window.removeFirst();
      }
      // every request that arrived in the last second, answered 429 or not: what "most in one second" reports
      while (!arrivals.isEmpty() && now - arrivals.peekFirst() >= 1_000_000_000L) {
        arrivals.removeFirst();
      }
      arrivals.addLast(now);
      maxInOneSecond = Math.max(maxInOneSecond, arrivals.size());
      if (fault == null && window.size() >= settings.requestsPerSecond()) {
        throttled++;
        long waitNanos = 1_000_000_000L - (now - window.peekFirst());
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        retryAfterDeadline = Math.max(retryAfterDeadline, now + seconds * 1_000_000_000L);
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        reply(ctx, 429, error("Too Many Requests", "the sandbox allows " + settings.requestsPerSecond() + " requests per second"));
        return;
      }
      window.addLast(now);
    }
    if (fault == null) {
      ctx.next();
      return;
    }
    Fault f = fault;
    f.retryAfterSeconds().ifPresent(seconds -> {
      synchronized (this) {
        retryAfterDeadline = Math.max(retryAfterDeadline, System.nanoTime() + seconds * 1_000_000_000L);
      }
    });
    Runnable answer = () -> {
      f.retryAfterSeconds().ifPresent(s -> ctx.response().putHeader("Retry-After", Integer.toString(s)));
      ctx.response().setStatusCode(f.status()).putHeader("Content-Type", f.contentType()).end(f.body());
    };
    if (f.hangMillis() > 0) {
      vertx.setTimer(f.hangMillis(), id -> {
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
          faults.add(new Fault(fault.pathPrefix(), fault.times() - 1, fault.status(), fault.body(), fault.contentType(),
              fault.retryAfterSeconds(), fault.hangMillis()));
        }
        return fault;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- REST endpoints

  private synchronized void findContacts(RoutingContext ctx) {
    String email = Optional.ofNullable(ctx.request().getParam("email")).orElse("").toLowerCase(Locale.ROOT);
    ArrayNode found = json.createArrayNode();
    contacts.values().stream().filter(c -> c.path("email").asText().equals(email)).forEach(found::add);
    ObjectNode body = json.createObjectNode();
    body.set("contacts", found);
    body.putObject("meta").put("total", Integer.toString(found.size()));
    reply(ctx, 200, body);
  }

  private synchronized void syncContact(RoutingContext ctx) {
    JsonNode contact = bodyOf(ctx).path("contact");
    String email = contact.path("email").asText("").strip().toLowerCase(Locale.ROOT);
    if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      reply(ctx, 422, error("Contact Email Address is not valid.", "", "email_invalid"));
      return;
    }
    for (JsonNode value : contact.path("fieldValues")) {
      String field = value.path("field").asText();
      if (fields.stream().noneMatch(f -> f.path("id").asText().equals(field))) {
        reply(ctx, 422, error("Field not found", "no custom field with id " + field));
        return;
      }
    }
    ObjectNode existing = byEmail(email);
    boolean created = existing == null;
    ObjectNode stored = created ? newContact(email) : existing;
    for (String basic : List.of("firstName", "lastName", "phone")) {
      if (contact.hasNonNull(basic)) {
        stored.put(basic, contact.get(basic).asText());
      }
    }
    for (JsonNode value : contact.path("fieldValues")) {
      ((ObjectNode) stored.path("fieldValues")).put(value.path("field").asText(), value.path("value").asText());
    }
    ObjectNode body = json.createObjectNode();
    body.set("contact", contactView(stored));
    reply(ctx, created ? 201 : 200, body);
  }

  private ObjectNode newContact(String email) {
    String id = Long.toString(nextId++);
    ObjectNode contact = json.createObjectNode().put("id", id).put("email", email)
        .put("firstName", "").put("lastName", "").put("phone", "");
    contact.putObject("fieldValues");
    contacts.put(id, contact);
    return contact;
  }

  private ObjectNode byEmail(String email) {
    return contacts.values().stream().filter(c -> c.path("email").asText().equals(email)).findFirst().orElse(null);
  }

  private ObjectNode contactView(ObjectNode stored) {
    ObjectNode view = json.createObjectNode();
    for (String key : List.of("id", "email", "firstName", "lastName", "phone")) {
      view.put(key, stored.path(key).asText());
    }
    return view;
  }

  private synchronized void updateContact(RoutingContext ctx) {
    ObjectNode stored = contacts.get(ctx.pathParam("id"));
    if (stored == null) {
      reply(ctx, 404, json.createObjectNode().put("message", "No Result found for Subscriber with id " + ctx.pathParam("id")));
      return;
    }
    JsonNode contact = bodyOf(ctx).path("contact");
    if (contact.hasNonNull("email")) {
      String email = contact.get("email").asText().strip().toLowerCase(Locale.ROOT);
      ObjectNode other = byEmail(email);
      if (other != null && other != stored) {
        reply(ctx, 422, error("Email address already exists in the system", "", "duplicate"));
        return;
      }
      stored.put("email", email);
    }
    for (String basic : List.of("firstName", "lastName", "phone")) {
      if (contact.hasNonNull(basic)) {
        stored.put(basic, contact.get(basic).asText());
      }
    }
    ObjectNode body = json.createObjectNode();
    body.set("contact", contactView(stored));
    reply(ctx, 200, body);
  }

  private synchronized void contactTagsOf(RoutingContext ctx) {
    String contact = ctx.pathParam("id");
    ArrayNode found = json.createArrayNode();
    contactTags.values().stream().filter(ct -> ct.path("contact").asText().equals(contact)).forEach(found::add);
    ObjectNode body = json.createObjectNode();
    body.set("contactTags", found);
    reply(ctx, 200, body);
  }

  private synchronized void listTags(RoutingContext ctx) {
    reply(ctx, 200, page(ctx, "tags", new ArrayList<>(tags.values())));
  }

  private synchronized void createTag(RoutingContext ctx) {
    String name = bodyOf(ctx).path("tag").path("tag").asText("").strip();
    if (name.isEmpty()) {
      reply(ctx, 422, error("Tag name is required", ""));
      return;
    }
    boolean duplicate = tags.values().stream().anyMatch(t -> t.path("tag").asText().equalsIgnoreCase(name));
    if (duplicate) {
      reply(ctx, 422, error("Duplicate tag", "a tag named '" + name + "' already exists", "duplicate"));
      return;
    }
    String id = Long.toString(nextId++);
    ObjectNode tag = json.createObjectNode().put("id", id).put("tag", name)
        .put("tagType", bodyOf(ctx).path("tag").path("tagType").asText("contact"));
    tags.put(id, tag);
    ObjectNode body = json.createObjectNode();
    body.set("tag", tag);
    reply(ctx, 201, body);
  }

  private synchronized void attachTag(RoutingContext ctx) {
    JsonNode request = bodyOf(ctx).path("contactTag");
    String contact = request.path("contact").asText();
    String tag = request.path("tag").asText();
    if (!contacts.containsKey(contact) || !tags.containsKey(tag)) {
      reply(ctx, 404, error("Not Found", contacts.containsKey(contact) ? "Tag not found" : "Contact not found"));
      return;
    }
    boolean attached = contactTags.values().stream()
        .anyMatch(ct -> ct.path("contact").asText().equals(contact) && ct.path("tag").asText().equals(tag));
    if (attached) {
      reply(ctx, 422, error("The related contact tag already exists", "", "duplicate"));
      return;
    }
    String id = Long.toString(nextId++);
    ObjectNode contactTag = json.createObjectNode().put("id", id).put("contact", contact).put("tag", tag);
    contactTags.put(id, contactTag);
    ObjectNode body = json.createObjectNode();
    body.set("contactTag", contactTag);
    reply(ctx, 201, body);
  }

  private synchronized void detachTag(RoutingContext ctx) {
    if (contactTags.remove(ctx.pathParam("id")) == null) {
      reply(ctx, 404, json.createObjectNode().put("message", "No Result found for SubscriberTag with id " + ctx.pathParam("id")));
      return;
    }
    reply(ctx, 200, json.createObjectNode());
  }

  private synchronized void listFields(RoutingContext ctx) {
    ObjectNode body = page(ctx, "fields", new ArrayList<>(fields));
    ArrayNode options = body.putArray("fieldOptions");
    for (ObjectNode field : fields) {
      field.path("options").forEach(option -> options.addObject()
          .put("field", field.path("id").asText()).put("value", option.asText()).put("label", option.asText()));
    }
    reply(ctx, 200, body);
  }

  private synchronized void setListStatus(RoutingContext ctx) {
    JsonNode request = bodyOf(ctx).path("contactList");
    String list = request.path("list").asText();
    String contact = request.path("contact").asText();
    String status = request.path("status").asText();
    if (!lists.containsKey(list)) {
      reply(ctx, 404, json.createObjectNode().put("message", "No Result found for List with id " + list));
      return;
    }
    if (!contacts.containsKey(contact)) {
      reply(ctx, 404, json.createObjectNode().put("message", "No Result found for Subscriber with id " + contact));
      return;
    }
    if (!status.equals("1") && !status.equals("2")) {
      reply(ctx, 422, error("Invalid status", "status must be 1 (subscribed) or 2 (unsubscribed)"));
      return;
    }
    listStatuses.computeIfAbsent(contact, c -> new TreeMap<>()).put(list, status);
    ObjectNode body = json.createObjectNode();
    body.putObject("contactList").put("list", list).put("contact", contact).put("status", status);
    reply(ctx, 200, body);
  }

  private synchronized void allowDomain(RoutingContext ctx) {
    if (!siteTrackingEnabled) {
      reply(ctx, 403, json.createObjectNode().put("message", "Site tracking is disabled for this account"));
      return;
    }
    String name = bodyOf(ctx).path("siteTrackingDomain").path("name").asText("").toLowerCase(Locale.ROOT);
    if (!domains.add(name)) {
      reply(ctx, 422, error("Duplicate domain", name + " is already allowed", "duplicate"));
      return;
    }
    ObjectNode body = json.createObjectNode();
    body.putObject("siteTrackingDomain").put("name", name).put("id", Long.toString(nextId++));
    reply(ctx, 201, body);
  }

  /**
   * A bulk import, applied at once (ActiveCampaign queues it and applies it shortly after): up to 250 contacts,
   * each upserted by email with its fields, tags (created when missing) and lists; subscribing does not re-add a
   * contact who unsubscribed from the list.
   */
  private synchronized void bulkImport(RoutingContext ctx) {
    JsonNode body = bodyOf(ctx);
    JsonNode contactsToImport = body.path("contacts");
    ObjectNode result = json.createObjectNode();
    if (!contactsToImport.isArray() || contactsToImport.isEmpty() || contactsToImport.size() > 250) {
      reply(ctx, 400, result.put("success", 0).put("message", "contacts must hold 1 to 250 contacts"));
      return;
    }
    ArrayNode failures = json.createArrayNode();
    for (int i = 0; i < contactsToImport.size(); i++) {
      String email = contactsToImport.get(i).path("email").asText("").strip().toLowerCase(Locale.ROOT);
      if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        failures.addObject().put("contact", i).put("failureReason", "Field 'email' incorrect format");
      }
    }
    if (!failures.isEmpty()) {
      result.put("success", 0).put("message", "JSON payload did not pass validation.").set("failureReasons", failures);
      reply(ctx, 400, result);
      return;
    }
    for (JsonNode imported : contactsToImport) {
      String email = imported.path("email").asText().strip().toLowerCase(Locale.ROOT);
      ObjectNode stored = Optional.ofNullable(byEmail(email)).orElseGet(() -> newContact(email));
      if (imported.hasNonNull("first_name")) {
        stored.put("firstName", imported.get("first_name").asText());
      }
      if (imported.hasNonNull("last_name")) {
        stored.put("lastName", imported.get("last_name").asText());
      }
      if (imported.hasNonNull("phone")) {
        stored.put("phone", imported.get("phone").asText());
      }
      for (JsonNode field : imported.path("fields")) {
        ((ObjectNode) stored.path("fieldValues")).put(field.path("id").asText(), field.path("value").asText());
      }
      String contact = stored.path("id").asText();
      for (JsonNode tagName : imported.path("tags")) {
        String name = tagName.asText().strip();
        String tagId = tags.values().stream().filter(t -> t.path("tag").asText().equalsIgnoreCase(name))
            .map(t -> t.path("id").asText()).findFirst().orElseGet(() -> {
              String id = Long.toString(nextId++);
              tags.put(id, json.createObjectNode().put("id", id).put("tag", name).put("tagType", "contact"));
              return id;
            });
        boolean attached = contactTags.values().stream()
            .anyMatch(ct -> ct.path("contact").asText().equals(contact) && ct.path("tag").asText().equals(tagId));
        if (!attached) {
          String id = Long.toString(nextId++);
          contactTags.put(id, json.createObjectNode().put("id", id).put("contact", contact).put("tag", tagId));
        }
      }
      Map<String, String> statuses = listStatuses.computeIfAbsent(contact, c -> new TreeMap<>());
      for (JsonNode list : imported.path("subscribe")) {
        String id = list.path("listid").asText();
        if (lists.containsKey(id) && !"2".equals(statuses.get(id))) {
          statuses.put(id, "1");
        }
      }
      for (JsonNode list : imported.path("unsubscribe")) {
        String id = list.path("listid").asText();
        if (lists.containsKey(id)) {
          statuses.put(id, "2");
        }
      }
    }
    reply(ctx, 200, result.put("success", 1).put("queued_contacts", contactsToImport.size())
        .put("batchId", java.util.UUID.randomUUID().toString()).put("message", "Contact import queued"));
  }

  // ---------------------------------------------------------------- tracking endpoints

  private synchronized void trackEvent(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    ObjectNode result = json.createObjectNode();
    String event = Optional.ofNullable(form.get("event")).orElse("");
    String email = visitEmail(form.get("visit"));
    if (!eventTrackingEnabled) {
      reply(ctx, 200, result.put("success", 0).put("message", "Event tracking is disabled for this account"));
    } else if (!settings.accountId().equals(form.get("actid")) || !settings.eventKey().equals(form.get("key"))) {
      reply(ctx, 200, result.put("success", 0).put("message", "Invalid actid or event key"));
    } else if (event.isEmpty() || event.length() > 32 || email == null) {
      reply(ctx, 200, result.put("success", 0).put("message", "event (at most 32 characters) and visit email are required"));
    } else {
      ObjectNode logged = json.createObjectNode().put("email", email).put("event", event).put("at", Instant.now().toString());
      if (form.get("eventdata") != null) {
        logged.put("eventdata", form.get("eventdata"));
      }
      events.add(logged);
      reply(ctx, 200, result.put("success", 1).put("message", "Event spawned"));
    }
  }

  private String visitEmail(String visit) {
    try {
      JsonNode parsed = visit == null ? null : json.readTree(visit);
      return parsed != null && parsed.hasNonNull("email") ? parsed.get("email").asText() : null;
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }

  private synchronized void recordVisit(RoutingContext ctx) {
    String url = Optional.ofNullable(ctx.request().getParam("u")).orElse("");
    String host = hostOf(url);
    boolean recorded = siteTrackingEnabled && settings.accountId().equals(ctx.request().getParam("actid"))
        && host != null && domains.contains(host);
    if (recorded) {
      ObjectNode visit = json.createObjectNode().put("email", Optional.ofNullable(ctx.request().getParam("e")).orElse(""))
          .put("url", url).put("at", Instant.now().toString());
      if (ctx.request().getParam("r") != null) {
        visit.put("referrer", ctx.request().getParam("r"));
      }
      visits.add(visit);
    }
    // Like the real endpoint, a visit of a domain that is not allowed is silently dropped.
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/javascript").end("");
  }

  private static String hostOf(String url) {
    try {
      String host = java.net.URI.create(url).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  // ---------------------------------------------------------------- sandbox control and state

  private void addFault(RoutingContext ctx) {
    JsonNode request = bodyOf(ctx);
    Fault fault = new Fault(request.path("path").asText("/"), Math.max(1, request.path("times").asInt(1)),
        request.path("status").asInt(500), request.path("body").asText("{\"message\":\"injected fault\"}"),
        request.path("contentType").asText("application/json"),
        request.has("retryAfterSeconds") ? Optional.of(request.get("retryAfterSeconds").asInt()) : Optional.empty(),
        request.path("hangMillis").asLong(0));
    inject(fault);
    reply(ctx, 200, json.createObjectNode().put("injected", true));
  }

  private void setTracking(RoutingContext ctx) {
    JsonNode request = bodyOf(ctx);
    synchronized (this) {
      if (request.has("siteTracking")) {
        siteTrackingEnabled = request.get("siteTracking").asBoolean();
      }
      if (request.has("eventTracking")) {
        eventTrackingEnabled = request.get("eventTracking").asBoolean();
      }
    }
    reply(ctx, 200, state().path("tracking"));
  }

  /** Injects a fault (also over HTTP: {@code POST /sandbox/faults}). */
  public synchronized void inject(Fault fault) {
    faults.add(fault);
  }

  /** Removes every injected fault: the account answers normally again. */
  public synchronized void clearFaults() {
    faults.clear();
  }

  /** Switches site tracking on or off (also over HTTP: {@code POST /sandbox/tracking}). */
  public synchronized void siteTracking(boolean enabled) {
    siteTrackingEnabled = enabled;
  }

  /** Switches event tracking on or off. */
  public synchronized void eventTracking(boolean enabled) {
    eventTrackingEnabled = enabled;
  }

  /** The requests received lately, oldest first. */
  public synchronized List<ReceivedRequest> recentRequests() {
    return List.copyOf(recent);
  }

  /** Everything the account holds and has seen, as {@code GET /sandbox/state} shows it. */
  public synchronized ObjectNode state() {
    ObjectNode state = json.createObjectNode();
    ArrayNode contactList = state.putArray("contacts");
    for (ObjectNode stored : contacts.values()) {
      ObjectNode contact = contactView(stored);
      ObjectNode values = contact.putObject("fields");
      stored.path("fieldValues").fields().forEachRemaining(e -> values.put(perstagOf(e.getKey()), e.getValue().asText()));
      ArrayNode tagNames = contact.putArray("tags");
      contactTags.values().stream().filter(ct -> ct.path("contact").asText().equals(stored.path("id").asText()))
          .map(ct -> tags.get(ct.path("tag").asText()).path("tag").asText()).forEach(tagNames::add);
      ObjectNode statuses = contact.putObject("lists");
      listStatuses.getOrDefault(stored.path("id").asText(), Map.of()).forEach(statuses::put);
      contactList.add(contact);
    }
    ArrayNode tagList = state.putArray("tags");
    tags.values().forEach(tagList::add);
    ArrayNode fieldList = state.putArray("fields");
    fields.forEach(fieldList::add);
    ObjectNode tracking = state.putObject("tracking");
    tracking.put("siteTrackingEnabled", siteTrackingEnabled).put("eventTrackingEnabled", eventTrackingEnabled);
    ArrayNode domainList = tracking.putArray("domains");
    domains.forEach(domainList::add);
    ArrayNode visitList = tracking.putArray("visits");
    visits.forEach(visitList::add);
    ArrayNode eventList = tracking.putArray("events");
    events.forEach(eventList::add);
    ObjectNode requests = state.putObject("requests");
    requests.put("total", requestCounts.values().stream().mapToInt(Integer::intValue).sum());
    requests.put("throttled", throttled);
    requests.put("maxInOneSecond", maxInOneSecond);
    requests.put("beforeRetryAfter", beforeRetryAfter);
    ObjectNode byEndpoint = requests.putObject("byEndpoint");
    requestCounts.forEach(byEndpoint::put);
    return state;
  }

  private String perstagOf(String fieldId) {
    return fields.stream().filter(f -> f.path("id").asText().equals(fieldId)).map(f -> f.path("perstag").asText())
        .findFirst().orElse(fieldId);
  }

  // ---------------------------------------------------------------- helpers

  private ObjectNode page(RoutingContext ctx, String key, List<ObjectNode> items) {
    int limit = parse(ctx.request().getParam("limit"), 20);
    int offset = parse(ctx.request().getParam("offset"), 0);
    ArrayNode page = json.createArrayNode();
    items.stream().skip(offset).limit(Math.max(0, Math.min(limit, 100))).forEach(page::add);
    ObjectNode body = json.createObjectNode();
    body.set(key, page);
    body.putObject("meta").put("total", Integer.toString(items.size()));
    return body;
  }

  private static int parse(String value, int otherwise) {
    try {
      return value == null ? otherwise : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private JsonNode bodyOf(RoutingContext ctx) {
    try {
      String body = ctx.body().asString();
      return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
    } catch (JsonProcessingException e) {
      return json.createObjectNode();
    }
  }

  private ObjectNode error(String title, String detail) {
    return error(title, detail, null);
  }

  private ObjectNode error(String title, String detail, String code) {
    ObjectNode body = json.createObjectNode();
    ObjectNode error = body.putArray("errors").addObject().put("title", title).put("detail", detail);
    if (code != null) {
      error.put("code", code);
    }
    return body;
  }

  private void reply(RoutingContext ctx, int status, JsonNode body) {
    try {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .end(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      ctx.response().setStatusCode(500).end();
    }
  }
}
