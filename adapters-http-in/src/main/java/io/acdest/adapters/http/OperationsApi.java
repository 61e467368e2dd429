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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Operations endpoints (§6): liveness and readiness probes, Prometheus metrics, and the admin API behind
 * {@code Authorization: Bearer <ADMIN_TOKEN>}.
 */
public final class OperationsApi {
  private final ServiceHealthUseCase health;
  private final MessageAdminUseCase admin;
  private final ErasureUseCase erasures;
  private final Supplier<String> metrics;
  private final Optional<String> adminToken;
  private final ObjectMapper json = new ObjectMapper();
  private final JsonAnswers answers;

  public OperationsApi(Vertx vertx, ServiceHealthUseCase health, MessageAdminUseCase admin, ErasureUseCase erasures,
      Supplier<String> metrics, Optional<String> adminToken) {
    this.answers = new JsonAnswers(vertx, json);
    this.health = health;
    this.admin = admin;
    this.erasures = erasures;
    this.metrics = metrics;
    this.adminToken = adminToken.filter(t -> !t.isBlank());
  }

  /** Mounts the routes on {@code router}. */
  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> answers.reply(ctx, 200, Map.of("status", "up")));
    router.get("/health/ready").handler(ctx -> answers.blocking(ctx, health::check, result -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", result.status().name().toLowerCase(Locale.ROOT));
      body.put("checks", result.checks());
      answers.reply(ctx, result.status() == ServiceHealthUseCase.Status.DOWN ? 503 : 200, body);
    }));
    router.get("/metrics").handler(ctx -> answers.blocking(ctx, metrics::get, text -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text)));
    router.route("/admin/*").handler(this::authorize);
    router.get("/admin/messages").handler(this::list);
    router.get("/admin/messages/:messageId").handler(ctx -> answers.blocking(ctx,
        () -> admin.find(new MessageId(ctx.pathParam("messageId"))), found -> {
          if (found.isEmpty()) {
            answers.error(ctx, 404, "not_found", "no message with messageId " + ctx.pathParam("messageId"));
            return;
          }
          answers.reply(ctx, 200, Map.of("messages", found.stream().map(this::details).toList()));
        }));
    router.post("/admin/erasures").handler(BodyHandler.create().setBodyLimit(16 * 1024));
    router.post("/admin/erasures").handler(ctx -> {
      ErasureUseCase.ErasureRequest request;
      try {
        request = ErasureRequests.parse(json, ctx.body().asString());
      } catch (InvalidField invalid) {
        answers.error(ctx, 400, invalid.code().wire(), invalid.getMessage());
        return;
      }
      answers.blocking(ctx, () -> erasures.erase(request), erasure -> answers.reply(ctx, 200, erasure(erasure)));
    });
    router.get("/admin/erasures").handler(ctx -> answers.blocking(ctx, () -> erasures.erasures(
        Integer.parseInt(Optional.ofNullable(ctx.request().getParam("limit")).orElse("100"))),
        log -> answers.reply(ctx, 200, Map.of("erasures", log.stream().map(OperationsApi::erasure).toList()))));
    router.delete("/admin/suppressions/:id").handler(ctx -> answers.blocking(ctx,
        () -> erasures.liftSuppression(ctx.pathParam("id")), lifted -> {
          if (lifted) {
            answers.reply(ctx, 200, Map.of("lifted", ctx.pathParam("id")));
          } else {
            answers.error(ctx, 404, "not_found", "no suppression with id " + ctx.pathParam("id"));
          }
        }));
    router.post("/admin/messages/:messageId/retry").handler(ctx -> answers.blocking(ctx, () -> {
      MessageId id = new MessageId(ctx.pathParam("messageId"));
      return admin.find(id).isEmpty() ? -1 : admin.retry(id);
    }, retried -> {
      if (retried < 0) {
        answers.error(ctx, 404, "not_found", "no message with messageId " + ctx.pathParam("messageId"));
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
    String header = Optional.ofNullable(ctx.request().getHeader("Authorization")).orElse("");
    String given = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
    if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), adminToken.get().getBytes(StandardCharsets.UTF_8))) {
      answers.error(ctx, 401, "unauthorized", "Authorization: Bearer <ADMIN_TOKEN> is required");
      return;
    }
    ctx.next();
  }

  private void list(RoutingContext ctx) {
    String state = Optional.ofNullable(ctx.request().getParam("state")).orElse("dead");
    MessageState wanted;
    try {
      wanted = MessageState.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      answers.error(ctx, 400, "invalid_field", "state must be one of accepted, delivering, delivered, skipped, filtered,"
          + " ignored, rejected, dead");
      return;
    }
    int limit;
    try {
      limit = Integer.parseInt(Optional.ofNullable(ctx.request().getParam("limit")).orElse("100"));
    } catch (NumberFormatException notNumber) {
      answers.error(ctx, 400, "invalid_field", "limit must be a whole number");
      return;
    }
    answers.blocking(ctx, () -> admin.list(wanted, limit),
        messages -> answers.reply(ctx, 200, Map.of("messages", messages.stream().map(this::message).toList())));
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
    return view;
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
