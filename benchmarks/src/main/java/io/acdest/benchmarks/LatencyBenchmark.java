package io.acdest.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.bootstrap.Launcher;
import io.acdest.bootstrap.ServiceSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * B5 in docs/performance.md: time from acceptance to delivery at 2 calls per second (under ActiveCampaign's limit), through the running
 * service on its embedded defaults: from just before the request is sent to when the sandbox recorded the event
 * (so it includes the intake request itself).
 *
 * <pre>mvn -q -pl benchmarks -am install -DskipTests &amp;&amp; mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.acdest.benchmarks.LatencyBenchmark</pre>
 *
 * Optional argument: calls (default 120, i.e. one minute).
 */
public final class LatencyBenchmark {
  private static final Logger LOG = Logger.getLogger(LatencyBenchmark.class.getName());
  private static final String WRITE_KEY = "latency-write-key";

  private LatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 120;
    Launcher launcher =
        new Launcher(
            ServiceSettings.fromEnvironment(
                Map.of(
                    "HTTP_PORT",
                    "0",
                    "DATA_DIR",
                    Files.createTempDirectory("acdest-latency-benchmark").toString(),
                    "WRITE_KEYS",
                    WRITE_KEY)));
    launcher.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String auth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
      Map<String, Instant> acceptedAt = new HashMap<>();
      for (int i = 0; i < calls; i++) {
        long due = System.nanoTime() + 500_000_000L;
        String event = "latency-" + i;
        Instant sent =
            Instant.now(); // the clock starts before the request: an upper bound on accept ->
        // delivered
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + launcher.port() + "/v1/track"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", auth)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"userId\":\"user-"
                                + (i % 10)
                                + "\",\"event\":\""
                                + event
                                + "\",\"properties\":{\"email\":\"user"
                                + (i % 10)
                                + "@example.com\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          acceptedAt.put(event, sent);
        }
        Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
      }
      Thread.sleep(5_000);
      List<Long> millis = new ArrayList<>();
      for (JsonNode delivered :
          launcher
              .sandbox(ActiveCampaignSandbox.class)
              .orElseThrow()
              .state()
              .path("tracking")
              .path("events")) {
        Instant accepted = acceptedAt.get(delivered.path("event").asText());
        if (accepted != null) {
          millis.add(
              Duration.between(accepted, Instant.parse(delivered.path("at").asText())).toMillis());
        }
      }
      Collections.sort(millis);
      LOG.info(
          String.format(
              "%d calls at 2/s, %d delivered: accept -> delivered p50 %d ms, p95 %d ms, max %d ms",
              calls,
              millis.size(),
              at(millis, 0.50),
              at(millis, 0.95),
              millis.isEmpty() ? 0 : millis.get(millis.size() - 1)));
    } finally {
      launcher.stop();
    }
  }

  private static long at(List<Long> sorted, double p) {
    return sorted.isEmpty()
        ? 0
        : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
  }
}
