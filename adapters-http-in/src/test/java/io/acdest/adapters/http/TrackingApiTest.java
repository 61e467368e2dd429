package io.acdest.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.domain.port.in.IngestCallsUseCase;
import io.acdest.domain.port.in.IngestReport;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracking API on a real Vert.x server, over an ingest port the test controls. */
class TrackingApiTest {
  private static final String KEY = "write-key-1";
  private final Vertx vertx = Vertx.vertx();
  private final List<IngestReport> reports = new ArrayList<>();
  private volatile boolean storeDown;
  private final HttpServer server;

  TrackingApiTest() throws Exception {
    IngestCallsUseCase ingest =
        command -> {
          if (storeDown) {
            throw new IllegalStateException("database unavailable");
          }
          IngestReport report = new IngestReport(List.of(), true);
          reports.add(report);
          return report;
        };
    Router router = Router.router(vertx);
    new TrackingApi(
            vertx,
            ingest,
            new WriteKeys(List.of(KEY)),
            TrackingJson.create(),
            Clock.systemUTC(),
            Optional.empty())
        .mount(router);
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    vertx.close();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.actualPort() + "/v1/track"))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void whenTheStoreIsDownTheAnswerIs503WithRetryAfterNever2xx() throws Exception {
    storeDown = true;
    HttpResponse<String> response = post("{\"userId\":\"u\",\"event\":\"e\"}");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("5");
    assertThat(response.body()).contains("\"code\":\"unavailable\"");

    storeDown = false;
    assertThat(post("{\"userId\":\"u\",\"event\":\"e\"}").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> postGzip(byte[] body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.actualPort() + "/v1/track"))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] gzip(byte[] data) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
      zip.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void gzipIsDecompressedWithinTheLimitAndBadGzipIsA400() throws Exception {
    assertThat(
            postGzip(gzip("{\"userId\":\"u\",\"event\":\"e\"}".getBytes(StandardCharsets.UTF_8)))
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> notGzip = postGzip("{\"userId\":\"u\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(notGzip.statusCode()).isEqualTo(400);
    assertThat(notGzip.body()).contains("\"code\":\"invalid_gzip\"");
    HttpResponse<String> bomb = postGzip(gzip(new byte[20 * 1024 * 1024]));
    assertThat(bomb.statusCode()).isEqualTo(400);
    assertThat(bomb.body()).contains("\"code\":\"request_too_large\"");
  }

  @Test
  void theWriteKeyNeverReachesTheCallsAndSourcesAreKeyDigests() {
    assertThat(WriteKeys.sourceOf(KEY).value()).startsWith("wk_").doesNotContain(KEY).hasSize(19);
    assertThat(new WriteKeys(List.of(KEY, "other")).authenticate("other"))
        .contains(WriteKeys.sourceOf("other"));
    assertThat(new WriteKeys(List.of(KEY)).authenticate("write-key-2")).isEmpty();
  }
}
