package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
  static void run(WebClient client, ObjectMapper json) {
    HttpServer local = null;
    try {
      // the JDK's own small server, not a Vert.x one: it leaves no server metrics behind that
      // would collide with the sandbox's (both on 127.0.0.1, port 0)
      local = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      local.createContext(
          "/",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
          });
      local.start();
      String url =
          "http://"
              + InetAddress.getLoopbackAddress().getHostAddress()
              + ":"
              + local.getAddress().getPort()
              + "/warm-up";
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
        local.stop(0);
      }
    }
  }
}
