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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * B6 in docs/performance.md: live events beside a REST-bound backlog, on the embedded default (its sandbox answers 429 to a sixth REST
 * request within any sliding second). 40 users are synced first; then, sent together, 600 tracks for them and 150
 * identifies of new users that must go one by one (they reset tags, which a bulk import cannot do). Reports when
 * every track is in the account, and the identifies' REST requests: mean rate while they drain, most in any one
 * second, answers 429. It reads only the sandbox's state, so the same program runs against earlier versions.
 *
 * <pre>mvn -q -pl benchmarks -am install -DskipTests &amp;&amp; mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.acdest.benchmarks.LiveEventsBesideBacklogBenchmark</pre>
 *
 * Optional arguments: synced users (40), tracks (600), identifies (150). {@code -Db6.trace=1} also prints every
 * tracking arrival, twenty to a line (a window each); {@code -Db6.env.NAME=value} sets one of the service's settings,
 * e.g. {@code -Db6.env.ACTIVITY_WORKERS=16}.
 */
public final class LiveEventsBesideBacklogBenchmark {
  private static final Logger LOG =
      Logger.getLogger(LiveEventsBesideBacklogBenchmark.class.getName());
  static final String WRITE_KEY = "b6-write-key";

  private LiveEventsBesideBacklogBenchmark() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int tracks = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    int identifies = args.length > 2 ? Integer.parseInt(args[2]) : 150;
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "HTTP_PORT",
                "0",
                "DATA_DIR",
                Files.createTempDirectory("acdest-b6").toString(),
                "WRITE_KEYS",
                WRITE_KEY));
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith("b6.env."))
        .forEach(name -> env.put(name.substring("b6.env.".length()), System.getProperty(name)));
    Launcher launcher = new Launcher(ServiceSettings.fromEnvironment(env));
    launcher.start();
    try {
      var sandbox = launcher.sandbox(ActiveCampaignSandbox.class).orElseThrow();
      String url = "http://127.0.0.1:" + launcher.port() + "/v1/batch";
      List<String> synced = new ArrayList<>();
      for (int u = 0; u < users; u++) {
        synced.add(
            "{\"type\":\"identify\",\"userId\":\"b6-user-"
                + u
                + "\",\"traits\":{\"email\":\"b6-user-"
                + u
                + "@example.com\",\"firstName\":\"Synced\",\"lastName\":\"User"
                + u
                + "\"}}");
      }
      post(url, synced);
      while (sandbox.state().path("contacts").size() < users) {
        Thread.sleep(200);
      }
      Thread.sleep(2_000); // the sync's own requests are done

      // the tracks and the identifies, interleaved, 50 events a request, all sent at once
      List<String> mixed = new ArrayList<>();
      Iterator<Integer> identify = java.util.stream.IntStream.range(0, identifies).iterator();
      for (int t = 0; t < tracks; t++) {
        mixed.add(
            "{\"type\":\"track\",\"userId\":\"b6-user-"
                + (t % users)
                + "\",\"event\":\"b6 "
                + t
                + "\",\"properties\":{\"acValue\":"
                + t
                + "}}");
        if (t % Math.max(1, tracks / identifies) == 0 && identify.hasNext()) {
          int i = identify.next();
          mixed.add(
              "{\"type\":\"identify\",\"userId\":\"b6-new-"
                  + i
                  + "\",\"traits\":{\"email\":\"b6-new-"
                  + i
                  + "@example.com\",\"firstName\":\"New\",\"lastName\":\"User"
                  + i
                  + "\",\"tags\":[\"b6\"],\"tagsReset\":1}}");
        }
      }
      identify.forEachRemaining(
          i ->
              mixed.add(
                  "{\"type\":\"identify\",\"userId\":\"b6-new-"
                      + i
                      + "\",\"traits\":"
                      + "{\"email\":\"b6-new-"
                      + i
                      + "@example.com\",\"firstName\":\"New\",\"lastName\":\"User"
                      + i
                      + "\",\"tags\":[\"b6\"],\"tagsReset\":1}}"));
      int restBefore = restRequests(sandbox.state());
      long start = System.nanoTime();
      for (int from = 0; from < mixed.size(); from += 50) {
        post(url, mixed.subList(from, Math.min(mixed.size(), from + 50)));
      }
      double tracksDone = -1;
      double identifiesDone = -1;
      long firstRest = -1;
      long lastRest = -1;
      int restSeen = restBefore;
      while (identifiesDone < 0 || tracksDone < 0) {
        JsonNode state = sandbox.state();
        long now = System.nanoTime();
        int rest = restRequests(state);
        if (rest > restSeen) {
          firstRest = firstRest < 0 ? now : firstRest;
          lastRest = now;
          restSeen = rest;
        }
        if (tracksDone < 0 && state.path("tracking").path("events").size() >= tracks) {
          tracksDone = (now - start) / 1e9;
        }
        if (identifiesDone < 0 && tagged(state) >= identifies) {
          identifiesDone = (now - start) / 1e9;
        }
        if ((now - start) / 1e9 > 1_800) {
          throw new IllegalStateException("not done after 30 minutes");
        }
        Thread.sleep(100);
      }
      JsonNode requests = sandbox.state().path("requests");
      JsonNode rest = requests.has("rest") ? requests.path("rest") : requests;
      int restDuring = restSeen - restBefore;
      double span = (lastRest - firstRest) / 1e9;
      LOG.info(
          String.format(
              "B6: %d tracks for %d synced users beside %d identifies one by one: every track in the"
                  + " account after %.1f s, every identify after %.1f s; the identifies' %d REST requests over %.1f s:"
                  + " %.2f per second, at most %d in one second, %d answered 429 (all requests: %d answered 429)",
              tracks,
              users,
              identifies,
              tracksDone,
              identifiesDone,
              restDuring,
              span,
              (restDuring - 1) / span,
              rest.path("maxInOneSecond").asInt(),
              rest.path("throttled").asInt(),
              requests.path("throttled").asInt()));
      LOG.info("B6: tightest six REST arrivals: " + tightest(sandbox.arrivals(true)));
      // the sandbox's own time of each request's arrival (it records the event as it arrives): when
      // the last track
      // was in the account, without the 100 ms between two looks at its state
      List<Long> trackingArrivals = sandbox.arrivals(false);
      LOG.info(
          String.format(
              "B6: the tracking host: at most %d requests in one second, %d answered 429; %d arrivals,"
                  + " the first %.2f s and the last %.2f s after the first call was sent",
              requests.path("tracking").path("maxInOneSecond").asInt(),
              requests.path("tracking").path("throttled").asInt(),
              trackingArrivals.size(),
              (trackingArrivals.get(0) - start) / 1e9,
              (trackingArrivals.get(trackingArrivals.size() - 1) - start) / 1e9));
      if (System.getProperty("b6.trace") != null) {
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < trackingArrivals.size(); i++) {
          t.append(i % 20 == 0 ? "\n" : " ").append((trackingArrivals.get(i) - start) / 1_000_000);
        }
        LOG.info("B6 trace:" + t);
      }
    } finally {
      launcher.stop();
    }
  }

  /** The shortest span of six consecutive arrivals, with its gaps, in milliseconds. */
  static String tightest(List<Long> arrivals) {
    int best = -1;
    long span = Long.MAX_VALUE;
    for (int i = 0; i + 5 < arrivals.size(); i++) {
      if (arrivals.get(i + 5) - arrivals.get(i) < span) {
        span = arrivals.get(i + 5) - arrivals.get(i);
        best = i;
      }
    }
    StringBuilder gaps = new StringBuilder();
    for (int i = best + 1; best >= 0 && i <= best + 5; i++) {
      gaps.append(gaps.isEmpty() ? "" : " ")
          .append((arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000);
    }
    return best < 0
        ? "fewer than six"
        : span / 1_000_000 + " ms (gaps " + gaps + ", at request " + best + ")";
  }

  private static int restRequests(JsonNode state) {
    int count = 0;
    for (var entry :
        (Iterable<Map.Entry<String, JsonNode>>)
            () -> state.path("requests").path("byEndpoint").fields()) {
      count += entry.getKey().contains("/api/3") ? entry.getValue().asInt() : 0;
    }
    return count;
  }

  private static int tagged(JsonNode state) {
    int count = 0;
    for (JsonNode contact : state.path("contacts")) {
      count += contact.path("tags").toString().equals("[\"b6\"]") ? 1 : 0;
    }
    return count;
  }

  /** One client for every call, as a sender keeps one (a new client per request costs threads and a selector). */
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static void post(String url, List<String> events) throws Exception {
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", auth)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"batch\":[" + String.join(",", events) + "]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("intake refused: " + response.body());
    }
  }
}
