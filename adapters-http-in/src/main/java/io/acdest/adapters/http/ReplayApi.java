package io.acdest.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.domain.call.CallType;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.port.in.ReplayUseCase;
import io.acdest.domain.replay.Replay;
import io.acdest.domain.replay.ReplayPlan;
import io.acdest.domain.replay.ReplayRequest;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Replays (docs/behaviour.md §7) in the admin API, under {@code /admin/replays}, and for the console, under {@code
 * /console/api/replays}: what one would do ({@code POST …/plan}), starting one ({@code POST}, answered {@code 201}
 * with what it will do), where they stand ({@code GET}), and {@code pause}, {@code resume}, {@code cancel}. Mounted
 * after {@link OperationsApi} and {@link ConsoleApi}, whose gates (the admin token; the console's session and CSRF
 * token) these routes pass through first.
 */
public final class ReplayApi {
  private final ReplayUseCase replays;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final JsonAnswers answers;

  public ReplayApi(Vertx vertx, ReplayUseCase replays, Clock clock) {
    this.replays = replays;
    this.clock = clock;
    this.answers = new JsonAnswers(vertx, json);
  }

  /** Mounts the routes under both prefixes. */
  public void mount(Router router) {
    router.post("/admin/replays*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
    for (String prefix : List.of("/admin/replays", "/console/api/replays")) {
      router.post(prefix + "/plan").handler(this::plan);
      router.post(prefix).handler(this::start);
      router.get(prefix).handler(this::list);
      router.get(prefix + "/:id").handler(ctx -> change(ctx, replays::find, Optional.empty()));
      router
          .post(prefix + "/:id/pause")
          .handler(ctx -> change(ctx, replays::pause, Optional.of(Replay.State.PAUSED)));
      router
          .post(prefix + "/:id/resume")
          .handler(ctx -> change(ctx, replays::resume, Optional.of(Replay.State.RUNNING)));
      router
          .post(prefix + "/:id/cancel")
          .handler(ctx -> change(ctx, replays::cancel, Optional.of(Replay.State.CANCELLED)));
    }
  }

  private void plan(RoutingContext ctx) {
    ReplayRequest request = requestOrRefuse(ctx);
    if (request != null) {
      answers.blocking(
          ctx, () -> replays.plan(request), plan -> answers.reply(ctx, 200, plan(plan)));
    }
  }

  private void start(RoutingContext ctx) {
    ReplayRequest request = requestOrRefuse(ctx);
    if (request != null) {
      answers.blocking(
          ctx,
          () -> replays.start(request),
          started -> {
            Map<String, Object> body = view(started.replay());
            body.put("plan", plan(started.plan()));
            ctx.response().putHeader("Location", "/admin/replays/" + started.replay().id());
            answers.reply(ctx, 201, body);
          });
    }
  }

  private void list(RoutingContext ctx) {
    answers.blocking(
        ctx,
        () -> replays.list(100),
        found ->
            answers.reply(ctx, 200, Map.of("replays", found.stream().map(this::view).toList())));
  }

  /** Answers the replay after {@code action}; 409 when it did not reach {@code wanted} (it was past it). */
  private void change(
      RoutingContext ctx, LongFunction<Optional<Replay>> action, Optional<Replay.State> wanted) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException notNumber) {
      answers.error(ctx, 404, "not_found", "no replay with id " + ctx.pathParam("id"));
      return;
    }
    answers.blocking(
        ctx,
        () -> action.apply(id),
        found -> {
          if (found.isEmpty()) {
            answers.error(ctx, 404, "not_found", "no replay with id " + id);
          } else if (wanted.isPresent() && found.get().state() != wanted.get()) {
            answers.error(
                ctx,
                409,
                "conflict",
                "replay "
                    + id
                    + " is "
                    + found.get().state().wire()
                    + ": it cannot become "
                    + wanted.get().wire());
          } else {
            answers.reply(ctx, 200, view(found.get()));
          }
        });
  }

  private ReplayRequest requestOrRefuse(RoutingContext ctx) {
    try {
      return parse(ctx.body().asString());
    } catch (InvalidField invalid) {
      answers.error(ctx, 400, invalid.code().wire(), invalid.getMessage());
      return null;
    }
  }

  /**
   * {@code {"destination": ID, "from": ISO-8601, "to": ISO-8601, "types": [...], "sources": [...], "userIds": [...],
   * "emails": [...], "states": [...], "reason": TEXT, "resendDelivered": false}}: {@code destination}, {@code from}
   * and {@code to} required.
   */
  @SuppressWarnings("unchecked")
  ReplayRequest parse(String body) {
    Map<String, Object> fields;
    try {
      fields = body == null || body.isBlank() ? Map.of() : json.readValue(body, Map.class);
    } catch (JsonProcessingException notJson) {
      throw new InvalidField(
          "body",
          "must be a JSON object such as {\"destination\": \"mc-news\", \"from\": \"2026-12-05T00:00:00Z\","
              + " \"to\": \"2026-12-06T00:00:00Z\"}");
    }
    Set<String> people = new HashSet<>(strings(fields, "userIds"));
    people.addAll(strings(fields, "emails"));
    return new ReplayRequest(
        new DestinationId(text(fields, "destination").orElseThrow(() -> required("destination"))),
        instant(fields, "from"),
        instant(fields, "to"),
        set(strings(fields, "types"), type -> typeOf(type)),
        set(strings(fields, "sources"), SourceId::new),
        people,
        set(strings(fields, "states"), ReplayRequest.Standing::parse),
        text(fields, "reason"),
        flag(fields, "resendDelivered"));
  }

  private static CallType typeOf(String wire) {
    try {
      return CallType.parse(wire);
    } catch (InvalidField unknown) {
      throw new InvalidField(
          "types", "must name only identify, track and page, not '" + wire + "'");
    }
  }

  private static <T> Set<T> set(List<String> values, Function<String, T> read) {
    Set<T> set = new HashSet<>();
    values.forEach(value -> set.add(read.apply(value)));
    return set;
  }

  private static InvalidField required(String name) {
    return new InvalidField(name, "is required");
  }

  private static Instant instant(Map<String, Object> fields, String name) {
    String text = text(fields, name).orElseThrow(() -> required(name));
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      throw new InvalidField(name, "must be an ISO-8601 instant such as 2026-12-05T00:00:00Z");
    }
  }

  private static Optional<String> text(Map<String, Object> fields, String name) {
    Object value = fields.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw new InvalidField(name, "must be a string");
    }
    return Optional.of(text);
  }

  private static List<String> strings(Map<String, Object> fields, String name) {
    Object value = fields.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
      throw new InvalidField(name, "must be an array of strings");
    }
    List<String> strings = new ArrayList<>();
    list.forEach(v -> strings.add((String) v));
    return strings;
  }

  private static boolean flag(Map<String, Object> fields, String name) {
    Object value = fields.get(name);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean flag)) {
      throw new InvalidField(name, "must be true or false");
    }
    return flag;
  }

  private static Map<String, Object> plan(ReplayPlan plan) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("total", plan.total());
    List<Map<String, Object>> types = new ArrayList<>();
    for (ReplayPlan.TypePlan type : plan.types()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("type", type.type().wire());
      t.put("covered", type.covered());
      t.put("send", type.send());
      t.put("passed", type.passed());
      t.put("action", type.action());
      types.add(t);
    }
    view.put("types", types);
    view.put(
        "note",
        "counted from where the calls stand now; integrations and suppressed people are checked as the replay"
            + " reaches each call");
    return view;
  }

  private Map<String, Object> view(Replay replay) {
    Instant now = clock.instant();
    ReplayRequest request = replay.request();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", replay.id());
    view.put("destination", request.destination().value());
    view.put("state", replay.state().wire());
    view.put("total", replay.total());
    view.put("done", replay.done());
    view.put("queued", replay.queued());
    view.put("passed", replay.passed());
    view.put("pending", replay.pending());
    view.put("ratePerSecond", Math.round(replay.ratePerSecond(now) * 10) / 10.0);
    view.put("estimatedEnd", replay.estimatedEnd(now).map(Instant::toString).orElse(null));
    view.put("createdAt", replay.createdAt().toString());
    view.put("updatedAt", replay.updatedAt().toString());
    view.put("finishedAt", replay.finishedAt().map(Instant::toString).orElse(null));
    Map<String, Object> asked = new LinkedHashMap<>();
    asked.put("from", request.from().toString());
    asked.put("to", request.to().toString());
    asked.put("types", request.types().stream().map(CallType::wire).sorted().toList());
    asked.put("sources", request.sources().stream().map(SourceId::value).sorted().toList());
    asked.put("people", request.people().size());
    asked.put(
        "states", request.states().stream().map(ReplayRequest.Standing::wire).sorted().toList());
    asked.put("reason", request.reason().orElse(null));
    asked.put("resendDelivered", request.resendDelivered());
    view.put("request", asked);
    return view;
  }
}
