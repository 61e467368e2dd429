package io.acdest.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.domain.call.CallType;
import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.port.in.ErasureUseCase;
import io.acdest.domain.port.in.MessageAdminUseCase;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.MessageSearch;
import io.acdest.domain.port.out.MessageSummary;
import io.acdest.domain.port.out.StoredMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operators' console at {@code /console} (on when an admin token is set): a sign-in with the token, which
 * never travels in a URL and is never kept by the browser (an HttpOnly, SameSite=Strict session cookie is), the
 * pages themselves (static files from the jar, scripts only from this origin), and the JSON they read, under
 * {@code /console/api}. Every change (sign-in, sign-out, retries) needs the CSRF token the pages send back in a
 * header (Vert.x Web's {@code CSRFHandler}, refusing with one short line and no trace). A session exists only
 * after a sign-in ({@link ConsoleSessions}: bounded, with an idle and an absolute lifetime), its cookie
 * {@code Secure} when the request came over TLS ({@link HttpSecurity}); wrong tokens are throttled per address
 * ({@link Guesses}).
 */
public final class ConsoleApi {
  /** The name of the console's session cookie. */
  public static final String SESSION_COOKIE = "acdest-console";

  private static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final Vertx vertx;
  private final MessageAdminUseCase admin;
  private final ErasureUseCase erasures;
  private final Optional<String> adminToken;
  private final AdminGate gate;
  private final ConsoleSessions sessions;
  private final HttpSecurity security;
  private final Optional<Supplier<Object>> sandboxState;
  private final ObjectMapper json = new ObjectMapper();
  private final JsonAnswers answers;
  private final CsrfRefusals refusals = new CsrfRefusals(Clock.systemUTC());
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleApi.class);

  /**
   * @param sandboxState what the built-in CRM sandbox holds, when the service delivers to one
   */
  public ConsoleApi(
      Vertx vertx,
      MessageAdminUseCase admin,
      ErasureUseCase erasures,
      Optional<String> adminToken,
      Optional<Supplier<Object>> sandboxState) {
    this(
        vertx,
        admin,
        erasures,
        adminToken,
        sandboxState,
        HttpSecurity.DEFAULTS,
        new Guesses(Clock.systemUTC()),
        Clock.systemUTC());
  }

  /**
   * @param guesses the failed guesses of the admin token, shared with the admin API
   */
  public ConsoleApi(
      Vertx vertx,
      MessageAdminUseCase admin,
      ErasureUseCase erasures,
      Optional<String> adminToken,
      Optional<Supplier<Object>> sandboxState,
      HttpSecurity security,
      Guesses guesses,
      Clock clock) {
    this.vertx = vertx;
    this.answers = new JsonAnswers(vertx, json);
    this.admin = admin;
    this.erasures = erasures;
    this.adminToken = adminToken.filter(token -> !token.isBlank());
    this.security = security;
    this.gate = new AdminGate(this.adminToken, guesses, security);
    this.sessions = new ConsoleSessions(clock, security.sessionIdle(), security.sessionAbsolute());
    this.sandboxState = sandboxState;
  }

  /** Mounts the console on {@code router}; without an admin token, {@code /console} says how to turn it on. */
  public void mount(Router router) {
    if (adminToken.isEmpty()) {
      router
          .route("/console*")
          .handler(
              ctx ->
                  answers.error(
                      ctx, 404, "console_off", "the console is off: set ADMIN_TOKEN to use it"));
      return;
    }
    router
        .route("/console*")
        .handler(
            ctx -> {
              ctx.response()
                  .putHeader("Content-Security-Policy", POLICY)
                  .putHeader("X-Content-Type-Options", "nosniff")
                  .putHeader("Referrer-Policy", "no-referrer")
                  .putHeader("Cache-Control", "no-store");
              ctx.next();
            });
    router
        .route("/console*")
        .handler(BodyHandler.create().setBodyLimit(16 * 1024).setHandleFileUploads(false));
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
    router
        .route("/console*")
        .handler(CSRFHandler.create(vertx, secret).setCookiePath("/console").setNagHttps(false));
    router.route("/console*").failureHandler(this::refused);

    router.post("/console/api/sign-in").handler(this::signIn);
    router
        .post("/console/api/sign-out")
        .handler(
            ctx -> {
              sessions.signOut(sessionId(ctx));
              ctx.response().addCookie(sessionCookie(ctx, "").setMaxAge(0));
              answers.reply(ctx, 200, Map.of("signedIn", false));
            });
    router
        .get("/console/api/session")
        .handler(
            ctx ->
                answers.reply(
                    ctx,
                    200,
                    Map.of("signedIn", signedIn(ctx), "sandbox", sandboxState.isPresent())));
    router
        .route("/console/api/*")
        .handler(
            ctx -> {
              if (!signedIn(ctx)) {
                answers.error(ctx, 401, "unauthorized", "sign in with the admin token first");
                return;
              }
              ctx.next();
            });
    router
        .get("/console/api/overview")
        .handler(
            ctx ->
                answers.blocking(
                    ctx, admin::overview, overview -> answers.reply(ctx, 200, overview(overview))));
    router
        .get("/console/api/destinations")
        .handler(
            ctx ->
                answers.blocking(
                    ctx,
                    admin::destinations,
                    found ->
                        answers.reply(
                            ctx,
                            200,
                            Map.of(
                                "destinations",
                                found.stream().map(OperationsApi::destination).toList()))));
    router
        .get("/console/api/messages")
        .handler(
            ctx -> {
              MessageSearch search = searchOrRefuse(ctx);
              if (search == null) {
                return;
              }
              answers.blocking(
                  ctx,
                  () -> admin.search(search),
                  page -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("total", page.total());
                    body.put("offset", search.offset());
                    body.put(
                        "messages", page.messages().stream().map(ConsoleApi::summary).toList());
                    answers.reply(ctx, 200, body);
                  });
            });
    router
        .get("/console/api/messages/:source/:messageId")
        .handler(
            ctx ->
                answers.blocking(
                    ctx,
                    () -> admin.view(keyOf(ctx)),
                    view -> {
                      if (view.isEmpty()) {
                        answers.error(ctx, 404, "not_found", "no such message");
                        return;
                      }
                      answers.reply(ctx, 200, view(view.get()));
                    }));
    router
        .post("/console/api/messages/:source/:messageId/retry")
        .handler(
            ctx ->
                answers.blocking(
                    ctx,
                    () -> admin.retry(keyOf(ctx)),
                    retried -> answers.reply(ctx, 200, Map.of("retried", retried ? 1 : 0))));
    router
        .post("/console/api/retry-dead")
        .handler(
            ctx -> {
              MessageSearch search = searchOrRefuse(ctx);
              if (search == null) {
                return;
              }
              answers.blocking(
                  ctx,
                  () -> admin.retryDead(search),
                  retried -> answers.reply(ctx, 200, Map.of("retried", retried)));
            });
    router
        .post("/console/api/erasures")
        .handler(
            ctx -> {
              ErasureUseCase.ErasureRequest request;
              try {
                request = ErasureRequests.parse(json, ctx.body().asString());
              } catch (InvalidField invalid) {
                answers.error(ctx, 400, invalid.code().wire(), invalid.getMessage());
                return;
              }
              answers.blocking(
                  ctx,
                  () -> erasures.erase(request),
                  erasure -> answers.reply(ctx, 200, OperationsApi.erasure(erasure)));
            });
    router
        .get("/console/api/erasures")
        .handler(
            ctx ->
                answers.blocking(
                    ctx,
                    () -> erasures.erasures(100),
                    log ->
                        answers.reply(
                            ctx,
                            200,
                            Map.of(
                                "erasures", log.stream().map(OperationsApi::erasure).toList()))));
    router
        .post("/console/api/suppressions/:id/lift")
        .handler(ctx -> OperationsApi.liftSuppression(ctx, erasures, answers));
    router
        .get("/console/api/sandbox")
        .handler(
            ctx -> {
              if (sandboxState.isEmpty()) {
                answers.error(
                    ctx,
                    404,
                    "no_sandbox",
                    "the service delivers to a real CRM account, not to the built-in sandbox");
                return;
              }
              answers.blocking(
                  ctx, () -> sandboxState.get().get(), state -> answers.reply(ctx, 200, state));
            });
    router
        .get("/console")
        .handler(
            ctx -> {
              if (ctx.request().path().equals("/console")) {
                ctx.redirect("/console/");
              } else {
                ctx.next();
              }
            });
    router
        .route("/console/*")
        .handler(
            StaticHandler.create("console")
                .setCachingEnabled(false)
                .setDirectoryListing(false)
                .setIndexPage("index.html"));
  }

  private void signIn(RoutingContext ctx) {
    JsonNode body;
    try {
      body = json.readTree(ctx.body().asString() == null ? "{}" : ctx.body().asString());
    } catch (JsonProcessingException notJson) {
      answers.error(ctx, 400, "invalid_field", "the body must be JSON: {\"token\": \"...\"}");
      return;
    }
    String given = body == null ? "" : body.path("token").asText("");
    if (!gate.admits(ctx, given, "console sign-in", answers, "that is not the admin token")) {
      return;
    }
    sessions.signOut(sessionId(ctx));
    ctx.response().addCookie(sessionCookie(ctx, sessions.signIn()));
    answers.reply(ctx, 200, Map.of("signedIn", true));
  }

  private boolean signedIn(RoutingContext ctx) {
    return sessions.signedIn(sessionId(ctx));
  }

  private static String sessionId(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    return cookie == null ? null : cookie.getValue();
  }

  /** The session cookie: HttpOnly, SameSite=Strict, for /console only, Secure when the request came over TLS. */
  private Cookie sessionCookie(RoutingContext ctx, String value) {
    return Cookie.cookie(SESSION_COOKIE, value)
        .setPath("/console")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(security.secure(ctx));
  }

  /**
   * A request the console refused before any handler (a missing or wrong CSRF token: 403): one short line, counted
   * per minute, and no stack trace; anything else the usual JSON error.
   */
  private void refused(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (status == 403) {
      refusals.note(security.clientAddress(ctx), ctx.request().path());
      answers.error(
          ctx,
          403,
          "csrf",
          "a change needs the X-XSRF-TOKEN header from this console's XSRF-TOKEN cookie");
    } else if (status == 413) {
      answers.error(ctx, 413, "request_too_large", "the request body is too large");
    } else if (status < 500) {
      answers.error(ctx, status, "invalid_request", "the request could not be read");
    } else {
      LOG.error(
          "console request {} {} failed",
          ctx.request().method(),
          ctx.request().path(),
          ctx.failure());
      answers.error(ctx, 500, "internal_error", "the request failed inside the service");
    }
  }

  /** The message a path names by its source and messageId. */
  private static MessageKey keyOf(RoutingContext ctx) {
    return new MessageKey(
        new SourceId(ctx.pathParam("source")), new MessageId(ctx.pathParam("messageId")));
  }

  /** The request's search; null once a wrong parameter has been answered 400, naming it. */
  private MessageSearch searchOrRefuse(RoutingContext ctx) {
    try {
      return search(ctx);
    } catch (InvalidField invalid) {
      answers.error(ctx, 400, invalid.code().wire(), invalid.getMessage());
      return null;
    }
  }

  /** The search in the query string (or the form of a retry), each parameter checked and named when wrong. */
  private static MessageSearch search(RoutingContext ctx) {
    Optional<CallType> type =
        param(ctx, "type")
            .map(
                value -> {
                  try {
                    return CallType.parse(value);
                  } catch (InvalidField unknown) {
                    throw new InvalidField(
                        "type", "must be one of identify, track, page, screen, group, alias");
                  }
                });
    Optional<MessageState> state =
        param(ctx, "state")
            .map(
                value -> {
                  try {
                    return MessageState.valueOf(value.toUpperCase(Locale.ROOT));
                  } catch (IllegalArgumentException unknown) {
                    throw new InvalidField(
                        "state",
                        "must be one of accepted, delivering, delivered, skipped, filtered, ignored,"
                            + " rejected, dead");
                  }
                });
    return new MessageSearch(
        param(ctx, "messageId"),
        param(ctx, "userId"),
        param(ctx, "email"),
        type,
        state,
        instant(ctx, "from"),
        instant(ctx, "to"),
        param(ctx, "destination")
            .map(
                value -> {
                  try {
                    return new DestinationId(value);
                  } catch (IllegalArgumentException malformed) {
                    throw new InvalidField("destination", malformed.getMessage());
                  }
                }),
        param(ctx, "reason"),
        number(ctx, "offset", 0),
        number(ctx, "limit", 25));
  }

  private static Optional<String> param(RoutingContext ctx, String name) {
    return Optional.ofNullable(ctx.request().getParam(name))
        .map(String::strip)
        .filter(v -> !v.isEmpty());
  }

  private static Optional<Instant> instant(RoutingContext ctx, String name) {
    return param(ctx, name)
        .map(
            value -> {
              try {
                return Instant.parse(value);
              } catch (DateTimeParseException notATime) {
                throw new InvalidField(name, "must be a time such as 2026-11-28T10:00:00Z");
              }
            });
  }

  private static int number(RoutingContext ctx, String name, int otherwise) {
    Optional<String> value = param(ctx, name);
    try {
      return value.map(Integer::parseInt).orElse(otherwise);
    } catch (NumberFormatException notANumber) {
      throw new InvalidField(name, "must be a whole number");
    }
  }

  private static Map<String, Object> overview(DeliveryOverview overview) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("at", overview.at().toString());
    body.put("lastHour", overview.lastHour());
    body.put("lastDay", overview.lastDay());
    List<Map<String, Object>> minutes = new ArrayList<>();
    overview
        .perMinute()
        .forEach(
            minute ->
                minutes.add(
                    Map.of(
                        "minute",
                        minute.minute().toString(),
                        "delivered",
                        minute.delivered(),
                        "dead",
                        minute.dead())));
    body.put("perMinute", minutes);
    body.put(
        "p95AcceptToDeliveredMs",
        overview.p95AcceptToDelivered().map(d -> d.toMillis()).orElse(null));
    body.put("queueDepth", overview.queueDepth());
    body.put("oldestDue", overview.oldestDue().map(Instant::toString).orElse(null));
    List<Map<String, Object>> pauses = new ArrayList<>();
    overview
        .pauses()
        .forEach(
            pause -> {
              Map<String, Object> p = new LinkedHashMap<>();
              p.put("what", pause.what());
              p.put("reason", pause.reason());
              p.put("until", pause.until().map(Instant::toString).orElse(null));
              pauses.add(p);
            });
    body.put("pauses", pauses);
    return body;
  }

  private static Map<String, Object> message(StoredMessage message) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("source", message.key().source().value());
    view.put("messageId", message.key().messageId().value());
    view.put("type", message.type());
    view.put("state", message.state().wire());
    view.put("reason", message.reason().orElse(null));
    view.put("receivedAt", message.receivedAt().toString());
    view.put("warnings", message.warnings());
    view.put("unmapped", message.unmapped());
    return view;
  }

  private static Map<String, Object> summary(MessageSummary summary) {
    Map<String, Object> row = message(summary.message());
    row.put("userId", summary.userId().orElse(null));
    row.put("email", summary.email().orElse(null));
    row.put("name", summary.name().orElse(null));
    return row;
  }

  private static Map<String, Object> view(MessageAdminUseCase.MessageView view) {
    Map<String, Object> body = message(view.message());
    StoredMessage stored = view.message();
    body.put(
        "retryable",
        stored.state() == MessageState.DEAD
            || (stored.state() == MessageState.SKIPPED
                && stored.reason().filter(DeliveryOutcome.Skipped::waitsForEmail).isPresent()));
    body.put("call", view.call());
    body.put("mapping", view.mapping());
    List<Map<String, Object>> attempts = new ArrayList<>();
    for (Attempt attempt : view.attempts()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("at", attempt.attemptedAt().toString());
      a.put("request", attempt.request().orElse(attempt.endpoint()));
      a.put("endpoint", attempt.endpoint());
      a.put("status", attempt.httpStatus().orElse(null));
      a.put("durationMs", attempt.latency().toMillis());
      a.put("errorClass", attempt.errorClass().orElse(null));
      a.put("error", attempt.errorText().orElse(null));
      attempts.add(a);
    }
    body.put("attempts", attempts);
    body.put("deliveries", OperationsApi.deliveries(view.deliveries()));
    return body;
  }
}
