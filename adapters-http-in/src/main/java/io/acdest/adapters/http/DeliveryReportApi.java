package io.acdest.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.port.in.MessageAdminUseCase;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.report.DeliveryReport;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What operators read about delivery health (docs/behaviour.md §8), in the admin API and for the console: one
 * destination's report over a window ({@code GET …/destinations/{id}/report?window=24h}) and the pauses in force
 * ({@code GET …/pauses}). Mounted after {@link OperationsApi} and {@link ConsoleApi}, whose gates these routes pass
 * through first.
 */
public final class DeliveryReportApi {
  /** The windows a report can cover, as a request names them. */
  static final String WINDOWS = "1h, 6h, 24h, 7d";

  private final MessageAdminUseCase admin;
  private final JsonAnswers answers;

  public DeliveryReportApi(Vertx vertx, MessageAdminUseCase admin) {
    this.admin = admin;
    this.answers = new JsonAnswers(vertx, new ObjectMapper());
  }

  /** Mounts the routes under {@code /admin} and {@code /console/api}. */
  public void mount(Router router) {
    for (String prefix : List.of("/admin", "/console/api")) {
      router.get(prefix + "/destinations/:id/report").handler(this::report);
      router
          .get(prefix + "/pauses")
          .handler(
              ctx ->
                  answers.blocking(
                      ctx,
                      admin::pauses,
                      pauses ->
                          answers.reply(
                              ctx,
                              200,
                              Map.of(
                                  "pauses",
                                  pauses.stream().map(DeliveryReportApi::pause).toList()))));
    }
  }

  private void report(RoutingContext ctx) {
    String named = Optional.ofNullable(ctx.request().getParam("window")).orElse("24h");
    Optional<Duration> window = window(named);
    if (window.isEmpty()) {
      answers.error(ctx, 400, "invalid_field", "window: must be one of " + WINDOWS);
      return;
    }
    DestinationId destination;
    try {
      destination = new DestinationId(ctx.pathParam("id"));
    } catch (IllegalArgumentException malformed) {
      answers.error(ctx, 404, "not_found", "no destination " + ctx.pathParam("id"));
      return;
    }
    answers.blocking(
        ctx,
        () -> admin.report(destination, window.get()),
        report -> {
          if (report.isEmpty()) {
            answers.error(ctx, 404, "not_found", "no destination " + destination.value());
          } else {
            answers.reply(ctx, 200, report(report.get(), named));
          }
        });
  }

  /** A pause as the admin API and the console show it. */
  static Map<String, Object> pause(DeliveryOverview.Pause pause) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("what", pause.what());
    p.put("reason", pause.reason());
    p.put("since", pause.since().map(Instant::toString).orElse(null));
    p.put("until", pause.until().map(Instant::toString).orElse(null));
    p.put("remedy", pause.remedy());
    return p;
  }

  private static Map<String, Object> report(DeliveryReport report, String window) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("destination", report.destination().value());
    body.put("window", window);
    body.put("from", report.from().toString());
    body.put("to", report.to().toString());
    DeliveryReport.Funnel funnel = report.funnel();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("received", funnel.received());
    f.put("rejected", funnel.rejected());
    f.put("filtered", funnel.filtered());
    f.put("routed", funnel.routed());
    f.put(
        "skipped",
        funnel.skipped().entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .map(e -> Map.of("reason", e.getKey(), "count", e.getValue()))
            .toList());
    f.put("delivered", funnel.delivered());
    f.put("dead", funnel.dead());
    f.put("pending", funnel.pending());
    f.put("ended", funnel.ended());
    body.put("funnel", f);
    body.put("bucketSeconds", report.bucket().toSeconds());
    body.put(
        "buckets",
        report.buckets().stream()
            .map(
                b ->
                    Map.of(
                        "start",
                        b.start().toString(),
                        "delivered",
                        b.delivered(),
                        "skipped",
                        b.skipped(),
                        "dead",
                        b.dead()))
            .toList());
    body.put(
        "p95AcceptToDeliveredMs",
        report.p95AcceptToDelivered().map(Duration::toMillis).orElse(null));
    body.put("failures", report.failures().stream().map(DeliveryReportApi::failure).toList());
    return body;
  }

  private static Map<String, Object> failure(DeliveryReport.FailureGroup group) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("reason", group.reason());
    g.put("outcome", group.outcome());
    g.put("count", group.count());
    g.put("firstSeen", group.firstSeen().toString());
    g.put("lastSeen", group.lastSeen().toString());
    g.put(
        "samples",
        group.samples().stream()
            .map(
                s -> {
                  Map<String, Object> sample = new LinkedHashMap<>();
                  sample.put("source", s.message().source().value());
                  sample.put("messageId", s.message().messageId().value());
                  sample.put("type", s.type());
                  sample.put("at", s.at().toString());
                  sample.put("request", s.request().orElse(null));
                  sample.put("status", s.status().orElse(null));
                  sample.put("answer", s.answer().orElse(null));
                  return sample;
                })
            .toList());
    return g;
  }

  private static Optional<Duration> window(String named) {
    return switch (named) {
      case "1h" -> Optional.of(Duration.ofHours(1));
      case "6h" -> Optional.of(Duration.ofHours(6));
      case "24h" -> Optional.of(Duration.ofDays(1));
      case "7d" -> Optional.of(Duration.ofDays(7));
      default -> Optional.empty();
    };
  }
}
