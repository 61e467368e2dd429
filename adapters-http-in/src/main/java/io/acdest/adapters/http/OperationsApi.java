package io.acdest.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.port.in.ErasureUseCase;
import io.acdest.domain.port.in.MessageAdminUseCase;
import io.acdest.domain.port.in.ServiceHealthUseCase;
import io.acdest.domain.port.out.PersonalData;
import io.acdest.domain.port.out.StoredMessage;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Operations endpoints (docs/behaviour.md §6): liveness and readiness probes, Prometheus metrics, and the admin API
 * behind
 * {@code Authorization: Bearer <ADMIN_TOKEN>}.
 */
public final class OperationsApi {
  private final ServiceHealthUseCase health;
  private final MessageAdminUseCase admin;
  private final ErasureUseCase erasures;
  private final Supplier<String> metrics;
  private final Optional<String> adminToken;

  /** Readiness on threads of its own: a busy admin API or intake never makes the service look down. */
  private final JsonAnswers healthAnswers;

  private final Optional<Supplier<Object>> sandboxState;
  private final AdminGate gate;

  /** The most messages or erasures one list answers. */
  static final int MOST = 1_000;

  private final ObjectMapper json = new ObjectMapper();
  private final JsonAnswers answers;

  public OperationsApi(
      Vertx vertx,
      ServiceHealthUseCase health,
      MessageAdminUseCase admin,
      ErasureUseCase erasures,
      Supplier<String> metrics,
      Optional<String> adminToken) {
    this(
        vertx,
        health,
        admin,
        erasures,
        metrics,
        adminToken,
        Optional.empty(),
        HttpSecurity.DEFAULTS,
        new Guesses(java.time.Clock.systemUTC()));
  }

  /**
   * @param sandboxState what the built-in CRM sandbox holds, at {@code GET /sandbox/state} (behind the admin token
   *     when one is set: it holds contacts' emails and phone numbers)
   * @param guesses the failed guesses of the admin token, shared with the console
   */
  public OperationsApi(
      Vertx vertx,
      ServiceHealthUseCase health,
      MessageAdminUseCase admin,
      ErasureUseCase erasures,
      Supplier<String> metrics,
      Optional<String> adminToken,
      Optional<Supplier<Object>> sandboxState,
      HttpSecurity security,
      Guesses guesses) {
    this.answers = new JsonAnswers(vertx, json);
    this.healthAnswers =
        new JsonAnswers(vertx.createSharedWorkerExecutor(JsonAnswers.HEALTH_WORKERS, 2), json);
    this.health = health;
    this.admin = admin;
    this.erasures = erasures;
    this.metrics = metrics;
    this.adminToken = adminToken.filter(t -> !t.isBlank());
    this.sandboxState = sandboxState;
    this.gate = new AdminGate(this.adminToken, guesses, security);
  }

  /** Mounts the routes on {@code router}. */
  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> answers.reply(ctx, 200, Map.of("status", "up")));
    router
        .get("/health/ready")
        .handler(
            ctx ->
                healthAnswers.blocking(
                    ctx,
                    health::check,
                    result -> {
                      Map<String, Object> body = new LinkedHashMap<>();
                      body.put("status", result.status().name().toLowerCase(Locale.ROOT));
                      body.put("checks", result.checks());
                      answers.reply(
                          ctx,
                          result.status() == ServiceHealthUseCase.Status.DOWN ? 503 : 200,
                          body);
                    }));
    router
        .get("/metrics")
        .handler(
            ctx ->
                answers.blocking(
                    ctx,
                    metrics::get,
                    text ->
                        ctx.response()
                            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                            .end(text)));
    sandboxState.ifPresent(
        state ->
            router
                .get("/sandbox/state")
                .handler(
                    ctx -> {
                      if (adminToken.isPresent()
                          && !gate.admits(
                              ctx,
                              AdminGate.bearer(ctx),
                              "the sandbox's state",
                              answers,
                              "Authorization: Bearer <ADMIN_TOKEN> is required: the sandbox holds contacts' personal data")) {
                        return;
                      }
                      answers.reply(ctx, 200, state.get());
                    }));
    router.route("/admin/*").handler(this::authorize);
    router.get("/admin/messages").handler(this::list);
    router
        .get("/admin/destinations")
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
        .get("/admin/messages/:messageId")
        .handler(
            ctx ->
                answers.blocking(
                    ctx,
                    () -> admin.find(new MessageId(ctx.pathParam("messageId"))),
                    found -> {
                      if (found.isEmpty()) {
                        answers.error(
                            ctx,
                            404,
                            "not_found",
                            "no message with messageId " + ctx.pathParam("messageId"));
                        return;
                      }
                      answers.reply(
                          ctx, 200, Map.of("messages", found.stream().map(this::details).toList()));
                    }));
    router
        .post("/admin/erasures")
        .handler(BodyHandler.create().setBodyLimit(16 * 1024).setHandleFileUploads(false));
    router
        .post("/admin/erasures")
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
                  erasure -> answers.reply(ctx, 200, erasure(erasure)));
            });
    router
        .get("/admin/erasures")
        .handler(
            ctx -> {
              Optional<Integer> limit = limit(ctx);
              if (limit.isPresent()) {
                answers.blocking(
                    ctx,
                    () -> erasures.erasures(limit.get()),
                    log ->
                        answers.reply(
                            ctx,
                            200,
                            Map.of("erasures", log.stream().map(OperationsApi::erasure).toList())));
              }
            });
    router
        .delete("/admin/suppressions/:id")
        .handler(ctx -> liftSuppression(ctx, erasures, answers));
    router
        .post("/admin/messages/:messageId/retry")
        .handler(
            ctx ->
                answers.blocking(
                    ctx,
                    () -> {
                      MessageId id = new MessageId(ctx.pathParam("messageId"));
                      return admin.find(id).isEmpty() ? -1 : admin.retry(id);
                    },
                    retried -> {
                      if (retried < 0) {
                        answers.error(
                            ctx,
                            404,
                            "not_found",
                            "no message with messageId " + ctx.pathParam("messageId"));
                      } else {
                        answers.reply(ctx, 200, Map.of("retried", retried));
                      }
                    }));
  }

  static Map<String, Object> erasure(PersonalData.ErasureRecord erasure) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", erasure.id());
    view.put("requestedAt", erasure.requestedAt().toString());
    view.put("completedAt", erasure.completedAt().toString());
    view.put("messages", erasure.erased().messages());
    view.put("jobs", erasure.erased().jobs());
    view.put("attempts", erasure.erased().attempts());
    view.put("directoryEntries", erasure.erased().directoryEntries());
    view.put("crm", erasure.crm());
    view.put("suppressionId", erasure.suppressionId().orElse(null));
    return view;
  }

  private void authorize(RoutingContext ctx) {
    if (adminToken.isEmpty()) {
      answers.error(ctx, 403, "admin_disabled", "the admin API is off: set ADMIN_TOKEN to use it");
      return;
    }
    if (gate.admits(
        ctx,
        AdminGate.bearer(ctx),
        "the admin API",
        answers,
        "Authorization: Bearer <ADMIN_TOKEN> is required")) {
      ctx.next();
    }
  }

  /**
   * The {@code limit} parameter: 100 when absent, a whole number from 1 to {@value #MOST}; otherwise the request is
   * answered 400 naming it (input that can never succeed is not an outage) and empty returned.
   */
  private Optional<Integer> limit(RoutingContext ctx) {
    String given = Optional.ofNullable(ctx.request().getParam("limit")).orElse("100");
    try {
      int limit = Integer.parseInt(given.strip());
      if (limit >= 1 && limit <= MOST) {
        return Optional.of(limit);
      }
    } catch (NumberFormatException notNumber) {
      // below
    }
    answers.error(ctx, 400, "invalid_field", "limit must be a whole number from 1 to " + MOST);
    return Optional.empty();
  }

  private void list(RoutingContext ctx) {
    String state = Optional.ofNullable(ctx.request().getParam("state")).orElse("dead");
    MessageState wanted;
    try {
      wanted = MessageState.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      answers.error(
          ctx,
          400,
          "invalid_field",
          "state must be one of accepted, delivering, delivered, skipped, filtered,"
              + " ignored, rejected, dead");
      return;
    }
    Optional<Integer> limit = limit(ctx);
    if (limit.isEmpty()) {
      return;
    }
    answers.blocking(
        ctx,
        () -> admin.list(wanted, limit.get()),
        messages ->
            answers.reply(
                ctx, 200, Map.of("messages", messages.stream().map(this::message).toList())));
  }

  private Map<String, Object> details(MessageAdminUseCase.MessageDetails details) {
    Map<String, Object> view = message(details.message());
    List<Map<String, Object>> attempts = new ArrayList<>();
    for (Attempt attempt : details.attempts()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("at", attempt.attemptedAt().toString());
      a.put("endpoint", attempt.endpoint());
      a.put("request", attempt.request().orElse(null));
      a.put("status", attempt.httpStatus().orElse(null));
      a.put("latencyMs", attempt.latency().toMillis());
      a.put("errorClass", attempt.errorClass().orElse(null));
      a.put("error", attempt.errorText().orElse(null));
      attempts.add(a);
    }
    view.put("attempts", attempts);
    view.put("deliveries", deliveries(details.deliveries()));
    return view;
  }

  /** A message's delivery to each destination, as the admin API and the console show them. */
  static List<Map<String, Object>> deliveries(
      List<io.acdest.domain.delivery.DestinationDelivery> deliveries) {
    List<Map<String, Object>> shown = new ArrayList<>();
    for (var delivery : deliveries) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("destination", delivery.destination().value());
      d.put("state", delivery.status().wire());
      d.put("reason", delivery.reason().orElse(null));
      d.put("attempts", delivery.attempts());
      d.put("replay", delivery.replay().orElse(null));
      shown.add(d);
    }
    return shown;
  }

  /** Lifts the suppression the path names: 200 naming it, 404 when there is none. */
  static void liftSuppression(RoutingContext ctx, ErasureUseCase erasures, JsonAnswers answers) {
    answers.blocking(
        ctx,
        () -> erasures.liftSuppression(ctx.pathParam("id")),
        lifted -> {
          if (lifted) {
            answers.reply(ctx, 200, Map.of("lifted", ctx.pathParam("id")));
          } else {
            answers.error(ctx, 404, "not_found", "no suppression with id " + ctx.pathParam("id"));
          }
        });
  }

  /** A destination as the admin API and the console show it. */
  static Map<String, Object> destination(MessageAdminUseCase.DestinationView view) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", view.profile().id().value());
    d.put("kind", view.profile().kind());
    d.put("account", view.profile().account());
    d.put("state", view.paused().isPresent() ? "paused" : "delivering");
    d.put("pausedBecause", view.paused().map(p -> p.reason()).orElse(null));
    d.put("pausedUntil", view.paused().flatMap(p -> p.until()).map(Object::toString).orElse(null));
    d.put("pending", view.pending());
    d.put("deliveredLastHour", view.deliveredLastHour());
    d.put("deadLastHour", view.deadLastHour());
    return d;
  }

  private Map<String, Object> message(StoredMessage message) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("source", message.key().source().value());
    view.put("messageId", message.key().messageId().value());
    view.put("type", message.type());
    view.put("state", message.state().wire());
    view.put("reason", message.reason().orElse(null));
    view.put("warnings", message.warnings());
    view.put("unmapped", message.unmapped());
    view.put("receivedAt", message.receivedAt().toString());
    view.put("timestamp", message.timestamp().toString());
    return view;
  }
}
