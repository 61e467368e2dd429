package io.acdest.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.bootstrap.Launcher;
import io.acdest.bootstrap.ServiceSettings;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * B7 in docs/performance.md: a busy shop's event rate, on the embedded default: 10,000 tracks over 1,000 users, sent as fast as the
 * service accepts them (batches of 100); the tracking budget (20 per second by default) is the limit. Reports the
 * sustained delivery rate (events over the time from the first delivery to the last) and accept → delivered
 * latency (from just before the batch was sent to the sandbox recording the event).
 *
 * <pre>mvn -q -pl benchmarks -am install -DskipTests &amp;&amp; mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.acdest.benchmarks.TrackingThroughputBenchmark</pre>
 *
 * Optional arguments: tracks (10000), users (1000).
 */
public final class TrackingThroughputBenchmark {
  private static final Logger LOG = Logger.getLogger(TrackingThroughputBenchmark.class.getName());

  private TrackingThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tracks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    Launcher launcher =
        new Launcher(
            ServiceSettings.fromEnvironment(
                Map.of(
                    "HTTP_PORT",
                    "0",
                    "DATA_DIR",
                    Files.createTempDirectory("acdest-b7").toString(),
                    "WRITE_KEYS",
                    LiveEventsBesideBacklogBenchmark.WRITE_KEY)));
    launcher.start();
    try {
      var sandbox = launcher.sandbox(ActiveCampaignSandbox.class).orElseThrow();
      String url = "http://127.0.0.1:" + launcher.port() + "/v1/batch";
      Map<String, Instant> sentAt = new HashMap<>();
      for (int from = 0; from < tracks; from += 100) {
        List<String> batch = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = from; i < Math.min(tracks, from + 100); i++) {
          String event = "b7 " + i;
          sentAt.put(event, now);
          batch.add(
              "{\"type\":\"track\",\"userId\":\"b7-user-"
                  + (i % users)
                  + "\",\"event\":\""
                  + event
                  + "\",\"properties\":{\"email\":\"b7-user-"
                  + (i % users)
                  + "@example.com\",\"acValue\":"
                  + i
                  + "}}");
        }
        LiveEventsBesideBacklogBenchmark.post(url, batch);
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
      while (sandbox.state().path("tracking").path("events").size() < tracks
          && System.nanoTime() < deadline) {
        Thread.sleep(1_000);
      }
      JsonNode events = sandbox.state().path("tracking").path("events");
      List<Long> latencies = new ArrayList<>();
      Instant first = null;
      Instant last = null;
      for (JsonNode event : events) {
        Instant at = Instant.parse(event.path("at").asText());
        first = first == null || at.isBefore(first) ? at : first;
        last = last == null || at.isAfter(last) ? at : last;
        Instant sent = sentAt.get(event.path("event").asText());
        if (sent != null) {
          latencies.add(Duration.between(sent, at).toMillis());
        }
      }
      Collections.sort(latencies);
      double seconds = Duration.between(first, last).toNanos() / 1e9;
      JsonNode tracking = sandbox.state().path("requests").path("tracking");
      LOG.info(
          String.format(
              "B7: %d tracks over %d users: %d delivered in %.1f s from the first to the last, %.1f"
                  + " per second; accept -> delivered p50 %.1f s, p95 %.1f s, max %.1f s; at most %d tracking requests in"
                  + " one second",
              tracks,
              users,
              events.size(),
              seconds,
              (events.size() - 1) / seconds,
              at(latencies, 0.50) / 1e3,
              at(latencies, 0.95) / 1e3,
              latencies.get(latencies.size() - 1) / 1e3,
              tracking.path("maxInOneSecond").asInt()));
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
