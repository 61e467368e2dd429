package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP client's warm-up before the first real request to ActiveCampaign. */
final class AcWarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(AcWarmUp.class);

  private AcWarmUp() {}

  /**
   * Runs the client's whole request and answer path twice (a GET and a form POST) against a throw-away server on a
   * local port, before any real request: otherwise the first real requests spend up to a second loading classes
   * after the limiter let them go, and, late, land among the next requests of their budget, six in one second
   * (drill D2 in docs/reliability.md saw this at every start).
   */
  static void run(Vertx vertx, WebClient client, ObjectMapper json) {
    HttpServer local = null;
    try {
      local =
          vertx
              .createHttpServer()
              .requestHandler(
                  request ->
                      request
                          .body()
                          .onComplete(
                              read ->
                                  request
                                      .response()
                                      .putHeader("Content-Type", "application/json")
                                      .end("{}")))
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      String url = "http://127.0.0.1:" + local.actualPort() + "/warm-up";
      for (Buffer body : new Buffer[] {null, Buffer.buffer("a=b")}) {
        HttpRequest<Buffer> request =
            client
                .requestAbs(body == null ? HttpMethod.GET : HttpMethod.POST, url)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .addQueryParam("q", "1")
                .timeout(5_000);
        HttpResponse<Buffer> answer =
            (body == null ? request.send() : request.sendBuffer(body))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        json.readTree(answer.bodyAsString());
      }
    } catch (Exception notWarmed) {
      LOG.debug("the HTTP client's warm-up did not complete: {}", notWarmed.getMessage());
      if (notWarmed instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    } finally {
      if (local != null) {
        local.close();
      }
    }
  }
}
