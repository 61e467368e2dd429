package io.acdest.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.domain.port.in.ServiceHealthUseCase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Locale;

/**
 * What {@code /} answers: a small page saying what this service is, its version, whether it is ready, and where
 * the console, the health checks, the metrics and the documentation are. Nothing on it comes from a caller.
 */
public final class HomePage {
  private static final String POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

  private final ServiceHealthUseCase health;
  private final String version;
  private final boolean console;
  private final JsonAnswers answers;

  /**
   * @param version the version of this build, or a word saying it has none
   * @param console whether the console is on (an admin token is set)
   */
  public HomePage(Vertx vertx, ServiceHealthUseCase health, String version, boolean console) {
    this.health = health;
    this.version = version;
    this.console = console;
    this.answers = new JsonAnswers(vertx, new ObjectMapper());
  }

  public void mount(Router router) {
    router
        .get("/")
        .handler(
            ctx ->
                answers.blocking(
                    ctx,
                    health::check,
                    result ->
                        ctx.response()
                            .putHeader("Content-Type", "text/html; charset=utf-8")
                            .putHeader("Content-Security-Policy", POLICY)
                            .putHeader("X-Content-Type-Options", "nosniff")
                            .putHeader("Cache-Control", "no-store")
                            .end(page(result.status()))));
  }

  private String page(ServiceHealthUseCase.Status status) {
    String ready = status.name().toLowerCase(Locale.ROOT);
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Delivery service</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1c2430}
        code{background:#eef2f7;padding:0 .3em}</style></head>
        <body>
        <h1>Delivery service</h1>
        <p>Receives the Segment HTTP Tracking API and delivers each call to the CRM destinations it is set up for.</p>
        <ul>
        <li>Version: <strong>%s</strong></li>
        <li>Ready: <strong>%s</strong> (<a href="/health/ready">/health/ready</a>, <a href="/health/live">/health/live</a>)</li>
        <li>Console: %s</li>
        <li>Metrics: <a href="/metrics">/metrics</a> (Prometheus)</li>
        <li>Tracking API: <code>POST /v1/identify</code>, <code>/v1/track</code>, <code>/v1/page</code>,
          <code>/v1/batch</code> with a write key</li>
        <li>Documentation: <code>docs/operations.md</code> in the source, beside <code>README.md</code></li>
        </ul>
        </body></html>
        """
        .formatted(
            version,
            ready,
            console
                ? "<a href=\"/console/\">/console/</a>"
                : "off (set <code>ADMIN_TOKEN</code> to turn it on)");
  }
}
