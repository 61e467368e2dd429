package io.acdest.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.domain.model.InvalidField;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * How the operators' APIs (admin and console) answer: JSON bodies, errors as {@code {"code", "message"}}, and work
 * that reads or writes the store run off the event loop, on threads of their own (never queued behind the intake's
 * flood of calls).
 */
final class JsonAnswers {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JsonAnswers.class);

  /** The operators' threads (admin API, console, metrics). */
  static final String OPERATOR_WORKERS = "acdest-operators";

  /** The readiness check's threads. */
  static final String HEALTH_WORKERS = "acdest-health";

  private final WorkerExecutor workers;
  private final ObjectMapper json;

  JsonAnswers(Vertx vertx, ObjectMapper json) {
    this(vertx.createSharedWorkerExecutor(OPERATOR_WORKERS, 4), json);
  }

  JsonAnswers(WorkerExecutor workers, ObjectMapper json) {
    this.workers = workers;
    this.json = json;
  }

  /** Runs {@code work} off the event loop; a failure answers 503 with Retry-After, an invalid input 400. */
  <T> void blocking(RoutingContext ctx, Callable<T> work, Consumer<T> then) {
    workers
        .executeBlocking(work, false)
        .onComplete(
            done -> {
              if (done.succeeded()) {
                then.accept(done.result());
              } else if (done.cause() instanceof InvalidField invalid) {
                error(ctx, 400, invalid.code().wire(), invalid.getMessage());
              } else {
                LOG.warn(
                    "{} {} could not be answered: {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    String.valueOf(done.cause()));
                ctx.response()
                    .putHeader("Retry-After", Integer.toString(TrackingApi.RETRY_AFTER_SECONDS));
                error(ctx, 503, "unavailable", "the service cannot answer right now; retry later");
              }
            });
  }

  void error(RoutingContext ctx, int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    reply(ctx, status, body);
  }

  void reply(RoutingContext ctx, int status, Object body) {
    if (ctx.response().ended()) {
      return;
    }
    try {
      ctx.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      ctx.response().setStatusCode(500).end();
    }
  }
}
