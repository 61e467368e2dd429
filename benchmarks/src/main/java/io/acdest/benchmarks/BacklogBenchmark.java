package io.acdest.benchmarks;

import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.bootstrap.Launcher;
import io.acdest.bootstrap.ServiceSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Logger;

/**
 * B3 in docs/performance.md: a backlog of identifies (email, name, 2 custom fields, 1 tag) queued at once, drained into the sandbox with
 * its limit of 5 requests per second: time to drain and requests used, with bulk import on or off.
 *
 * <pre>mvn -q -pl benchmarks -am install -DskipTests &amp;&amp; mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.acdest.benchmarks.BacklogBenchmark -Dexec.args="10000 true"</pre>
 *
 * Arguments: identifies (default 10000), bulk import on (default true).
 */
public final class BacklogBenchmark {
  private static final Logger LOG = Logger.getLogger(BacklogBenchmark.class.getName());
  private static final String WRITE_KEY = "backlog-write-key";

  private BacklogBenchmark() {}

  public static void main(String[] args) throws Exception {
    int identifies = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    boolean bulk = args.length <= 1 || Boolean.parseBoolean(args[1]);
    Launcher launcher =
        new Launcher(
            ServiceSettings.fromEnvironment(
                Map.of(
                    "HTTP_PORT",
                    "0",
                    "DATA_DIR",
                    Files.createTempDirectory("acdest-backlog-benchmark").toString(),
                    "WRITE_KEYS",
                    WRITE_KEY,
                    "BULK_IMPORT",
                    Boolean.toString(bulk))));
    launcher.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String auth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
      long start = System.nanoTime();
      for (int from = 0; from < identifies; from += 100) {
        StringBuilder body = new StringBuilder("{\"batch\":[");
        for (int i = from; i < Math.min(identifies, from + 100); i++) {
          body.append(i == from ? "" : ",")
              .append("{\"type\":\"identify\",\"userId\":\"user-")
              .append(i)
              .append("\",\"traits\":{\"email\":\"user")
              .append(i)
              .append("@example.com\",\"firstName\":\"User\",")
              .append("\"lastName\":\"No")
              .append(i)
              .append("\",\"shirtSize\":\"medium\",\"state\":\"Ohio\",")
              .append("\"tags\":[\"audience\"]}}");
        }
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + launcher.port() + "/v1/batch"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("intake refused the backlog: " + response.body());
        }
      }
      double queued = (System.nanoTime() - start) / 1e9;
      var sandbox = launcher.sandbox(ActiveCampaignSandbox.class).orElseThrow();
      while (sandbox.state().path("contacts").size() < identifies) {
        Thread.sleep(500);
      }
      double drained = (System.nanoTime() - start) / 1e9;
      var requests = sandbox.state().path("requests");
      LOG.info(
          String.format(
              "%d identifies, bulk import %s: queued in %.1f s, all in the account after %.1f s;"
                  + " %d requests to ActiveCampaign (%d throttled), %.3f per identify",
              identifies,
              bulk ? "on" : "off",
              queued,
              drained,
              requests.path("total").asInt(),
              requests.path("throttled").asInt(),
              requests.path("total").asInt() / (double) identifies));
    } finally {
      launcher.stop();
    }
  }
}
