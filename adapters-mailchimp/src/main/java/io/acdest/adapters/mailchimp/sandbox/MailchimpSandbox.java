package io.acdest.adapters.mailchimp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fake Mailchimp account on a Vert.x HTTP server: the Marketing API 3.0 endpoints the adapter uses, answering as
 * the published reference and users' reports show Mailchimp answering. Each behaviour names its source:
 * <ul>
 *   <li>HTTP Basic with the API key as password, any user; else 401 "API Key Invalid" (Marketing API fundamentals,
 *       "Authentication");
 *   <li>at most {@code connections} requests in flight per key, else 429 "You have exceeded the limit of 10
 *       simultaneous connections." with no Retry-After (Mailchimp error glossary; api-evangelist/mailchimp
 *       rate-limits: "no … Retry-After");
 *   <li>errors as {@code application/problem+json} with {@code type}, {@code title}, {@code status}, {@code detail},
 *       {@code instance} (recorded answers in grouparoo/grouparoo's Mailchimp fixtures: "Resource Not Found", "The
 *       requested resource could not be found.");
 *   <li>upsert ({@code PUT …/members/{hash}}) with {@code status_if_new}; subscribing a member who unsubscribed or was
 *       cleaned is 400 "Member In Compliance State" (ibericode/mailchimp-for-wordpress#798, hitobito/hitobito#3631);
 *       an email permanently deleted is 400 "Forgotten Email Not Subscribed";
 *   <li>a required merge field left empty on a new member is 400 "Invalid Resource", "Your merge fields were
 *       invalid.", {@code errors: [{field: "LNAME", message: "Please enter a value"}]}
 *       (ibericode/mailchimp-for-wordpress#545);
 *   <li>tags ({@code POST …/tags}, 204 with an empty body; grouparoo fixtures), events ({@code POST …/events}, names
 *       of 2-30 characters, mailchimp/mailchimp-sdk-ios#70), batch subscribe ({@code POST /lists/{id}}, up to 500
 *       members, per-member {@code errors[]}).
 * </ul>
 * What it holds is shown read-only by {@link #state()}.
 */
public final class MailchimpSandbox {
  private static final String ERRORS_DOC = "https://mailchimp.com/developer/marketing/docs/errors/";
  private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_-]{2,30}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final Vertx vertx;
  private final MailchimpSandboxSettings settings;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Audience> audiences = new LinkedHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private HttpServer server;

  /** The account's own id, kept with its state: what a service learns of this account belongs to it. */
  private String key = "sandbox-" + UUID.randomUUID();

  /** How many changes the account has had (a snapshot is worth keeping when it moved). */
  private long changes;

  private MailchimpSandbox(Vertx vertx, MailchimpSandboxSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    Audience main = audience(settings.audienceId());
    // the merge fields every new audience has (Marketing API reference, "List merge fields")
    addMergeField(main, "FNAME", "First Name", "text", false);
    addMergeField(main, "LNAME", "Last Name", "text", false);
    addMergeField(main, "ADDRESS", "Address", "address", false);
    addMergeField(main, "PHONE", "Phone Number", "phone", false);
    addMergeField(main, "BIRTHDAY", "Birthday", "birthday", false);
    // the sandbox's own fields, as the ActiveCampaign sandbox seeds its catalogue (merge tags hold
    // at most ten
    // characters, so a field for multiChoice is found by its name)
    addMergeField(main, "SHIRT_SIZE", "Shirt Size", "dropdown", false);
    addMergeField(main, "STATE", "State", "text", false);
    addMergeField(main, "MMERGE8", "Multi Choice", "text", false);
    addMergeField(main, "FAVCOLOR", "Favourite Colour", "text", false);
    addMergeField(main, "PLAN", "Plan", "text", false);
    settings.otherAudiences().forEach(this::audience);
  }

  /** Starts a sandbox on {@code port} (0: any free port). */
  public static MailchimpSandbox start(Vertx vertx, MailchimpSandboxSettings settings, int port) {
    MailchimpSandbox sandbox = new MailchimpSandbox(vertx, settings);
    Router router = Router.router(vertx);
    router
        .route("/3.0/*")
        .handler(BodyHandler.create().setBodyLimit(10 * 1024 * 1024).setHandleFileUploads(false));
    router.route("/3.0/*").handler(sandbox::admit);
    router
        .get("/3.0/ping")
        .handler(
            ctx ->
                sandbox.reply(
                    ctx, 200, sandbox.object().put("health_status", "Everything's Chimpy!")));
    router
        .get("/3.0/lists/:list/merge-fields")
        .handler(ctx -> sandbox.blocking(ctx, sandbox::listMergeFields));
    router.post("/3.0/lists/:list").handler(ctx -> sandbox.blocking(ctx, sandbox::batchSubscribe));
    router
        .get("/3.0/lists/:list/members/:hash")
        .handler(ctx -> sandbox.blocking(ctx, sandbox::getMember));
    router
        .put("/3.0/lists/:list/members/:hash")
        .handler(ctx -> sandbox.blocking(ctx, sandbox::upsertMember));
    router
        .patch("/3.0/lists/:list/members/:hash")
        .handler(ctx -> sandbox.blocking(ctx, sandbox::updateMember));
    router
        .get("/3.0/lists/:list/members/:hash/tags")
        .handler(ctx -> sandbox.blocking(ctx, sandbox::listTags));
    router
        .post("/3.0/lists/:list/members/:hash/tags")
        .handler(ctx -> sandbox.blocking(ctx, sandbox::changeTags));
    router
        .post("/3.0/lists/:list/members/:hash/events")
        .handler(ctx -> sandbox.blocking(ctx, sandbox::addEvent));
    router
        .post("/3.0/lists/:list/members/:hash/actions/delete-permanent")
        .handler(ctx -> sandbox.blocking(ctx, sandbox::deleteMemberPermanently));
    router
        .route("/3.0/*")
        .handler(
            ctx ->
                sandbox.problem(
                    ctx,
                    404,
                    "Resource Not Found",
                    "The requested resource could not be found.",
                    null));
    try {
      sandbox.server =
          vertx
              .createHttpServer()
              .requestHandler(router)
              .listen(port, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the Mailchimp sandbox could not start", e);
    }
    return sandbox;
  }

  public MailchimpSandboxSettings settings() {
    return settings;
  }

  /** The Marketing API base URL of this sandbox, as {@code MAILCHIMP_API_URL} takes it. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/3.0";
  }

  public void stop() {
    if (server != null) {
      server.close();
    }
  }

  // ---- what people and other tools do to the account meanwhile ----

  /** Adds a merge field to the main audience, as someone does in Mailchimp's audience settings. */
  public synchronized void addMergeField(String tag, String name, boolean required) {
    changes++;
    addMergeField(audiences.get(settings.audienceId()), tag, name, "text", required);
  }

  /** The member unsubscribes (the link in an email): their status is {@code unsubscribed} in the main audience. */
  public synchronized void unsubscribe(String email) {
    changes++;
    Member member = audiences.get(settings.audienceId()).members.get(hash(email));
    if (member != null) {
      member.status = "unsubscribed";
    }
  }

  /** Deletes the member permanently from the main audience: Mailchimp will refuse to add the email again. */
  public synchronized void deletePermanently(String email) {
    changes++;
    Audience main = audiences.get(settings.audienceId());
    main.members.remove(hash(email));
    main.forgotten.add(email.toLowerCase(Locale.ROOT));
  }

  /** Archives (deletes) the member from the main audience; the email may be added again. */
  public synchronized void archive(String email) {
    changes++;
    audiences.get(settings.audienceId()).members.remove(hash(email));
  }

  // ---- kept across restarts ----

  /** The account's own id, kept with its state: what a service learns of this account belongs to it. */
  public synchronized String accountKey() {
    return key;
  }

  /** How many changes the account has had since it started: a new snapshot is worth keeping when this moved. */
  public synchronized long changes() {
    return changes;
  }

  /** Everything the account holds (not how it was used), to be put back by {@link #restore} after a restart. */
  public synchronized ObjectNode snapshot() {
    ObjectNode snapshot = object().put("key", key);
    ObjectNode lists = snapshot.putObject("audiences");
    audiences.values().forEach(audience -> lists.set(audience.id, audience.snapshot(json)));
    return snapshot;
  }

  /** Puts back what a {@link #snapshot} held, replacing what the account holds. */
  public synchronized void restore(JsonNode snapshot) {
    key = snapshot.path("key").asText(key);
    audiences.clear();
    snapshot
        .path("audiences")
        .fields()
        .forEachRemaining(
            entry ->
                audiences.put(entry.getKey(), Audience.restore(entry.getKey(), entry.getValue())));
    audience(settings.audienceId());
    settings.otherAudiences().forEach(this::audience);
    changes++;
  }

  /** Everything the account holds, and how it was used (most requests in flight, 429s). */
  public synchronized JsonNode state() {
    ObjectNode state = object();
    ObjectNode lists = state.putObject("audiences");
    audiences
        .values()
        .forEach(
            audience -> {
              ArrayNode members = lists.putObject(audience.id).putArray("members");
              audience
                  .members
                  .values()
                  .forEach(
                      member -> {
                        ObjectNode node =
                            members
                                .addObject()
                                .put("email_address", member.email)
                                .put("status", member.status);
                        ObjectNode merge = node.putObject("merge_fields");
                        member.mergeFields.forEach(merge::put);
                        ArrayNode tags = node.putArray("tags");
                        member.tags.forEach(
                            (name, active) -> {
                              if (active) {
                                tags.add(name);
                              }
                            });
                        ArrayNode events = node.putArray("events");
                        member.events.forEach(events::add);
                      });
              ArrayNode fields = lists.with(audience.id).putArray("merge_fields");
              audience.mergeFields.values().forEach(fields::add);
            });
    state.put("requests", requests.get());
    state.put("mostInFlight", mostInFlight.get());
    state.put("answered429", throttled.get());
    return state;
  }

  // ---- the API ----

  /** Authentication and the limit of simultaneous connections, before any endpoint. */
  private void admit(RoutingContext ctx) {
    requests.incrementAndGet();
    String expected = "Basic ";
    String header = ctx.request().getHeader("Authorization");
    boolean authorised = false;
    if (header != null && header.startsWith(expected)) {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(expected.length())),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      authorised = colon >= 0 && decoded.substring(colon + 1).equals(settings.apiKey());
    }
    if (!authorised) {
      problem(
          ctx,
          401,
          "API Key Invalid",
          "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
          null);
      return;
    }
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    ctx.addEndHandler(done -> inFlight.decrementAndGet());
    if (now > settings.connections()) {
      throttled.incrementAndGet();
      problem(
          ctx,
          429,
          "Too Many Requests",
          "You have exceeded the limit of " + settings.connections() + " simultaneous connections.",
          null);
      return;
    }
    ctx.next();
  }

  /** Runs an endpoint off the event loop after the account's answer time, as a remote API takes time. */
  private void blocking(RoutingContext ctx, java.util.function.Consumer<RoutingContext> endpoint) {
    vertx
        .executeBlocking(
            () -> {
              if (settings.latencyMillis() > 0) {
                Thread.sleep(settings.latencyMillis());
              }
              synchronized (this) {
                endpoint.accept(ctx);
                if (ctx.request().method() != io.vertx.core.http.HttpMethod.GET) {
                  changes++;
                }
              }
              return null;
            },
            false)
        .onFailure(ctx::fail);
  }

  private void listMergeFields(RoutingContext ctx) {
    Audience audience = audiences.get(ctx.pathParam("list"));
    if (audience == null) {
      notFound(ctx);
      return;
    }
    int count = Math.min(1000, intParam(ctx, "count", 10));
    int offset = intParam(ctx, "offset", 0);
    ObjectNode page =
        object().put("list_id", audience.id).put("total_items", audience.mergeFields.size());
    ArrayNode fields = page.putArray("merge_fields");
    audience.mergeFields.values().stream().skip(offset).limit(count).forEach(fields::add);
    reply(ctx, 200, page);
  }

  private void getMember(RoutingContext ctx) {
    MemberRequest request = memberRequest(ctx, false);
    if (request == null) {
      return;
    }
    Audience audience = request.audience();
    Member member = request.member();
    reply(ctx, 200, memberJson(audience, member));
  }

  private void upsertMember(RoutingContext ctx) {
    MemberRequest request = audienceRequest(ctx);
    if (request == null) {
      return;
    }
    Audience audience = request.audience();
    JsonNode body = request.body();
    String hash = ctx.pathParam("hash");
    Member existing = audience.members.get(hash);
    String email = body.path("email_address").asText(existing == null ? "" : existing.email);
    if (!validEmail(ctx, email) || !hash.equals(hash(email))) {
      if (!ctx.response().ended()) {
        invalid(
            ctx,
            "The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
            "email_address",
            "The email address does not match the subscriber hash in the path.");
      }
      return;
    }
    if (audience.forgotten.contains(email.toLowerCase(Locale.ROOT))) {
      problem(
          ctx,
          400,
          "Forgotten Email Not Subscribed",
          email
              + " was permanently deleted and cannot be re-imported."
              + " The contact must re-subscribe to get back on the list.",
          null);
      return;
    }
    String status = body.path("status").asText("");
    if (existing == null) {
      String statusIfNew = body.path("status_if_new").asText(status);
      if (statusIfNew.isEmpty()) {
        invalid(
            ctx,
            "The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
            "status_if_new",
            "This value should not be blank.");
        return;
      }
      if (!requiredFieldsPresent(ctx, audience, body.path("merge_fields"))) {
        return;
      }
      Member member = new Member();
      member.email = email;
      member.status = statusIfNew;
      mergeInto(audience, member, body.path("merge_fields"));
      audience.members.put(hash, member);
      reply(ctx, 200, memberJson(audience, member));
      return;
    }
    if (!status.isEmpty() && !changeStatus(ctx, existing, status)) {
      return;
    }
    mergeInto(audience, existing, body.path("merge_fields"));
    existing.lastChanged = Instant.now();
    reply(ctx, 200, memberJson(audience, existing));
  }

  private void updateMember(RoutingContext ctx) {
    MemberRequest request = memberRequest(ctx, true);
    if (request == null) {
      return;
    }
    Audience audience = request.audience();
    Member member = request.member();
    JsonNode body = request.body();
    if (body.has("email_address")) {
      String email = body.path("email_address").asText();
      if (!validEmail(ctx, email)) {
        return;
      }
      String newHash = hash(email);
      if (!newHash.equals(ctx.pathParam("hash")) && audience.members.containsKey(newHash)) {
        problem(
            ctx,
            400,
            "Member Exists",
            email + " is already a list member. Use PUT to insert or update list members.",
            null);
        return;
      }
      audience.members.remove(ctx.pathParam("hash"));
      member.email = email;
      audience.members.put(newHash, member);
    }
    if (body.has("status") && !changeStatus(ctx, member, body.path("status").asText())) {
      return;
    }
    mergeInto(audience, member, body.path("merge_fields"));
    member.lastChanged = Instant.now();
    reply(ctx, 200, memberJson(audience, member));
  }

  private void listTags(RoutingContext ctx) {
    MemberRequest request = memberRequest(ctx, false);
    if (request == null) {
      return;
    }
    Member member = request.member();
    List<String> active =
        member.tags.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    int count = Math.min(1000, intParam(ctx, "count", 10));
    int offset = intParam(ctx, "offset", 0);
    ObjectNode page = object().put("total_items", active.size());
    ArrayNode tags = page.putArray("tags");
    active.stream()
        .skip(offset)
        .limit(count)
        .forEach(
            name ->
                tags.addObject()
                    .put("id", Math.floorMod(name.hashCode(), Integer.MAX_VALUE))
                    .put("name", name)
                    .put("date_added", Instant.now().toString()));
    reply(ctx, 200, page);
  }

  private void changeTags(RoutingContext ctx) {
    MemberRequest request = memberRequest(ctx, true);
    if (request == null) {
      return;
    }
    Member member = request.member();
    JsonNode body = request.body();
    for (JsonNode tag : body.path("tags")) {
      String name = tag.path("name").asText("").strip();
      String status = tag.path("status").asText("");
      if (name.isEmpty() || !(status.equals("active") || status.equals("inactive"))) {
        invalid(
            ctx,
            "The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
            "tags",
            "Each tag needs a name and a status of active or inactive.");
        return;
      }
    }
    for (JsonNode tag : body.path("tags")) {
      String name = tag.path("name").asText().strip();
      String same =
          member.tags.keySet().stream()
              .filter(n -> n.equalsIgnoreCase(name))
              .findFirst()
              .orElse(name);
      member.tags.remove(same);
      member.tags.put(same, tag.path("status").asText().equals("active"));
    }
    ctx.response().setStatusCode(204).end();
  }

  private void addEvent(RoutingContext ctx) {
    MemberRequest request = memberRequest(ctx, true);
    if (request == null) {
      return;
    }
    Member member = request.member();
    JsonNode body = request.body();
    String name = body.path("name").asText("");
    if (!EVENT_NAME.matcher(name).matches()) {
      invalid(
          ctx,
          "The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
          "name",
          "Event names must be 2-30 characters: letters, numbers, underscores and dashes.");
      return;
    }
    var fields = body.path("properties").fields();
    while (fields.hasNext()) {
      var property = fields.next();
      if (!property.getValue().isTextual()) {
        invalid(
            ctx,
            "The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
            "properties." + property.getKey(),
            "Schema describes string, "
                + property.getValue().getNodeType().toString().toLowerCase(Locale.ROOT)
                + " found instead");
        return;
      }
    }
    ObjectNode event = object().put("name", name);
    event.set(
        "properties", body.path("properties").isObject() ? body.path("properties") : object());
    event.put("occurred_at", body.path("occurred_at").asText(Instant.now().toString()));
    member.events.add(event);
    ctx.response().setStatusCode(204).end();
  }

  /** Deletes the member for good (Marketing API: "Delete list member permanently"); 204; the email is then forgotten. */
  private void deleteMemberPermanently(RoutingContext ctx) {
    Audience audience = audiences.get(ctx.pathParam("list"));
    Member member = audience == null ? null : audience.members.remove(ctx.pathParam("hash"));
    if (member == null) {
      notFound(ctx);
      return;
    }
    audience.forgotten.add(member.email.toLowerCase(Locale.ROOT));
    ctx.response().setStatusCode(204).end();
  }

  private void batchSubscribe(RoutingContext ctx) {
    MemberRequest request = audienceRequest(ctx);
    if (request == null) {
      return;
    }
    Audience audience = request.audience();
    JsonNode body = request.body();
    JsonNode members = body.path("members");
    if (!members.isArray() || members.size() > 500) {
      invalid(
          ctx,
          "The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
          "members",
          "Up to 500 members may be added or updated with each call.");
      return;
    }
    boolean updateExisting = body.path("update_existing").asBoolean(false);
    ObjectNode answer = object();
    ArrayNode created = answer.putArray("new_members");
    ArrayNode updated = answer.putArray("updated_members");
    ArrayNode errors = answer.putArray("errors");
    for (JsonNode entry : members) {
      String email = entry.path("email_address").asText("");
      String status = entry.path("status").asText("");
      String hash = hash(email);
      Member existing = audience.members.get(hash);
      String error = null;
      String code = "ERROR_GENERIC";
      if (!EMAIL.matcher(email).matches()) {
        error = email + " looks fake or invalid, please enter a real email address.";
      } else if (audience.forgotten.contains(email.toLowerCase(Locale.ROOT))) {
        error =
            email
                + " was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back"
                + " on the list.";
      } else if (existing != null && !updateExisting) {
        error =
            email
                + " is already a list member, do you want to update? please provide update_existing:true in the"
                + " request body";
        code = "ERROR_CONTACT_EXISTS";
      } else if (existing != null
          && status.equals("subscribed")
          && (existing.status.equals("unsubscribed") || existing.status.equals("cleaned"))) {
        error =
            email
                + " is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be"
                + " subscribed.";
      } else if (existing == null
          && missingRequired(audience, entry.path("merge_fields")) != null) {
        error = "Your merge fields were invalid.";
      }
      if (error != null) {
        errors.addObject().put("email_address", email).put("error", error).put("error_code", code);
        continue;
      }
      Member member = existing != null ? existing : new Member();
      member.email = email;
      if (existing == null || !status.isEmpty()) {
        member.status = status.isEmpty() ? "subscribed" : status;
      }
      mergeInto(audience, member, entry.path("merge_fields"));
      audience.members.put(hash, member);
      (existing == null ? created : updated).add(memberJson(audience, member));
    }
    answer
        .put("total_created", created.size())
        .put("total_updated", updated.size())
        .put("error_count", errors.size());
    reply(ctx, 200, answer);
  }

  // ---- helpers ----

  private boolean changeStatus(RoutingContext ctx, Member member, String status) {
    if (status.equals("subscribed")
        && (member.status.equals("unsubscribed") || member.status.equals("cleaned"))) {
      problem(
          ctx,
          400,
          "Member In Compliance State",
          member.email
              + " is in a compliance state due to unsubscribe,"
              + " bounce, or compliance review and cannot be subscribed.",
          null);
      return false;
    }
    member.status = status;
    return true;
  }

  private boolean requiredFieldsPresent(
      RoutingContext ctx, Audience audience, JsonNode mergeFields) {
    String missing = missingRequired(audience, mergeFields);
    if (missing == null) {
      return true;
    }
    invalid(ctx, "Your merge fields were invalid.", missing, "Please enter a value");
    return false;
  }

  private static String missingRequired(Audience audience, JsonNode mergeFields) {
    for (String tag : audience.requiredTags) {
      if (mergeFields.path(tag).asText("").isBlank()) {
        return tag;
      }
    }
    return null;
  }

  /** Merge fields the audience has are set (empty text empties one); tags it does not have are ignored. */
  private static void mergeInto(Audience audience, Member member, JsonNode mergeFields) {
    mergeFields
        .fields()
        .forEachRemaining(
            field -> {
              if (audience.mergeFields.containsKey(field.getKey())) {
                member.mergeFields.put(field.getKey(), field.getValue().asText(""));
              }
            });
  }

  private ObjectNode memberJson(Audience audience, Member member) {
    String hash = hash(member.email);
    ObjectNode node =
        object()
            .put("id", hash)
            .put("email_address", member.email)
            .put("unique_email_id", hash.substring(0, 10))
            .put("status", member.status)
            .put("list_id", audience.id)
            .put("last_changed", member.lastChanged.toString());
    ObjectNode merge = node.putObject("merge_fields");
    audience
        .mergeFields
        .keySet()
        .forEach(tag -> merge.put(tag, member.mergeFields.getOrDefault(tag, "")));
    ArrayNode tags = node.putArray("tags");
    member.tags.forEach(
        (name, active) -> {
          if (active) {
            tags.addObject()
                .put("id", Math.floorMod(name.hashCode(), Integer.MAX_VALUE))
                .put("name", name);
          }
        });
    node.put("tags_count", tags.size());
    return node;
  }

  private Audience audience(String id) {
    return audiences.computeIfAbsent(id, Audience::new);
  }

  private static void addMergeField(
      Audience audience, String tag, String name, String type, boolean required) {
    int id = audience.nextMergeId++;
    ObjectNode field =
        new ObjectMapper()
            .createObjectNode()
            .put("merge_id", id)
            .put("tag", tag)
            .put("name", name)
            .put("type", type)
            .put("required", required)
            .put("list_id", audience.id);
    audience.mergeFields.put(tag, field);
    if (required) {
      audience.requiredTags.add(tag);
    }
  }

  private boolean validEmail(RoutingContext ctx, String email) {
    if (EMAIL.matcher(email).matches()) {
      return true;
    }
    problem(
        ctx,
        400,
        "Invalid Resource",
        email + " looks fake or invalid, please enter a real email address.",
        null);
    return false;
  }

  /** What a request names: its audience, the member in the path (or null), its JSON body (or null). */
  private record MemberRequest(Audience audience, Member member, JsonNode body) {}

  /** The path's audience and the request's JSON object; null once a 404 or 400 has answered. */
  private MemberRequest audienceRequest(RoutingContext ctx) {
    Audience audience = audiences.get(ctx.pathParam("list"));
    JsonNode body = body(ctx);
    if (audience == null || body == null) {
      if (audience == null) {
        notFound(ctx);
      }
      return null;
    }
    return new MemberRequest(audience, null, body);
  }

  /** The path's audience and member, with the request's JSON object when asked; null once a 404 or 400 answered. */
  private MemberRequest memberRequest(RoutingContext ctx, boolean withBody) {
    Audience audience = audiences.get(ctx.pathParam("list"));
    Member member = audience == null ? null : audience.members.get(ctx.pathParam("hash"));
    JsonNode body = withBody ? body(ctx) : null;
    if (member == null || (withBody && body == null)) {
      if (member == null) {
        notFound(ctx);
      }
      return null;
    }
    return new MemberRequest(audience, member, body);
  }

  private JsonNode body(RoutingContext ctx) {
    try {
      JsonNode body = json.readTree(ctx.body().asString() == null ? "" : ctx.body().asString());
      if (body != null && body.isObject()) {
        return body;
      }
    } catch (java.io.IOException notJson) {
      // below
    }
    problem(
        ctx,
        400,
        "JSON Parse Exception",
        "We encountered an unspecified JSON parsing error.",
        null);
    return null;
  }

  private void notFound(RoutingContext ctx) {
    problem(ctx, 404, "Resource Not Found", "The requested resource could not be found.", null);
  }

  private void invalid(RoutingContext ctx, String detail, String field, String message) {
    ArrayNode errors = json.createArrayNode();
    errors.addObject().put("field", field).put("message", message);
    problem(ctx, 400, "Invalid Resource", detail, errors);
  }

  private void problem(
      RoutingContext ctx, int status, String title, String detail, ArrayNode errors) {
    ObjectNode body =
        object()
            .put("type", ERRORS_DOC)
            .put("title", title)
            .put("status", status)
            .put("detail", detail)
            .put("instance", UUID.randomUUID().toString());
    if (errors != null) {
      body.set("errors", errors);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json; charset=utf-8")
        .end(body.toString());
  }

  private void reply(RoutingContext ctx, int status, JsonNode body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.toString());
  }

  private static int intParam(RoutingContext ctx, String name, int otherwise) {
    try {
      return Integer.parseInt(ctx.queryParams().get(name));
    } catch (NumberFormatException | NullPointerException absent) {
      return otherwise;
    }
  }

  private ObjectNode object() {
    return json.createObjectNode();
  }

  /** The subscriber hash of an email: MD5 of its lower-case form. */
  public static String hash(String email) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5")
                  .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException missing) {
      throw new IllegalStateException(missing);
    }
  }
}
