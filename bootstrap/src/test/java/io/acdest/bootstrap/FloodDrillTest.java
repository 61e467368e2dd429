package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Drill D7, a flood of large batches: the service runs as its own process with a 256 MB heap on the embedded default,
 * and {@value #CLIENTS_DEFAULT} clients each send rounds of 500 KB batches at once, as a backfill or an audience sync
 * does, retrying a 503 after its Retry-After as Segment's libraries do. Meanwhile a single track and a liveness check
 * are sent every 100 ms. Every answer is 200, or 503 with Retry-After; no connection fails; the process neither dies
 * nor logs an OutOfMemoryError; every event of every batch answered 200 is stored; the liveness check always answers
 * 200. Fast in CI (one round); full with {@code mvn -B -pl bootstrap -am verify -Dtest=FloodDrillTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Ddrill.floodRounds=5}; {@code -Ddrill.floodIntakeMegabytes=N} sets the
 * service's intake budget (a budget larger than the heap shows what the flood does without one).
 */
class FloodDrillTest {
  private static final Logger LOG = Logger.getLogger(FloodDrillTest.class.getName());
  private static final int CLIENTS_DEFAULT = 48;
  private static final int CLIENTS = Integer.getInteger("drill.floodClients", CLIENTS_DEFAULT);
  private static final int ROUNDS = Integer.getInteger("drill.floodRounds", 1);
  private static final int EVENTS_PER_BATCH = 100;

  /** About 5 KB of properties per event: a batch of 100 is about 500 KB, Segment's limit for a batch. */
  private static final String FILLER = "x".repeat(4_900);

  @Test
  void largeBatchesAtOnceMeetQuick503sAndTheServiceKeepsAnswering() throws Exception {
    Vertx vertx = Vertx.vertx();
    ActiveCampaignSandbox account = RunningService.fastAccount(vertx);
    Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "d7-flood");
    ServiceProcess service =
        new ServiceProcess("d7-flood", Optional.empty(), dataDir, account, 5, 1, 120);
    Optional.ofNullable(System.getProperty("drill.floodIntakeMegabytes"))
        .ifPresent(megabytes -> service.with("INTAKE_MAX_MEGABYTES", megabytes));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      service.start();
      String url = service.url();
      List<String> problems = new CopyOnWriteArrayList<>();
      List<Long> batchMillis = Collections.synchronizedList(new ArrayList<>());
      List<Long> trackMillis = Collections.synchronizedList(new ArrayList<>());
      List<Long> liveMillis = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger batchesStored = new AtomicInteger();
      AtomicInteger unavailable = new AtomicInteger();
      AtomicInteger tracksStored = new AtomicInteger();
      AtomicInteger tracksUnavailable = new AtomicInteger();
      AtomicBoolean flooding = new AtomicBoolean(true);

      Thread probe =
          Thread.ofVirtual()
              .start(
                  () -> {
                    int n = 0;
                    while (flooding.get()) {
                      String body =
                          "{\"userId\":\"d7-probe\",\"event\":\"probe\",\"messageId\":\"d7-probe-"
                              + n++
                              + "\",\"properties\":{\"email\":\"d7-probe@example.com\"}}";
                      answer(http, post(url + "/v1/track", body), trackMillis, problems, "track")
                          .ifPresent(
                              status -> {
                                (status == 200 ? tracksStored : tracksUnavailable)
                                    .incrementAndGet();
                              });
                      answer(
                              http,
                              HttpRequest.newBuilder(URI.create(url + "/health/live"))
                                  .timeout(Duration.ofSeconds(60))
                                  .build(),
                              liveMillis,
                              problems,
                              "live")
                          .filter(status -> status != 200)
                          .ifPresent(status -> problems.add("/health/live answered " + status));
                      sleep(100);
                    }
                  });
      List<Thread> clients = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      for (int round = 0; round < ROUNDS; round++) {
                        String body = batch(client, round);
                        for (int attempt = 0; attempt < 60; attempt++) {
                          Optional<Integer> status =
                              answer(
                                  http,
                                  post(url + "/v1/batch", body),
                                  batchMillis,
                                  problems,
                                  "batch");
                          if (status.isEmpty()) {
                            break;
                          }
                          if (status.get() == 200) {
                            batchesStored.incrementAndGet();
                            break;
                          }
                          unavailable.incrementAndGet();
                          sleep(2_000);
                        }
                      }
                    }));
      }
      for (Thread client : clients) {
        client.join();
      }
      long floodMillis = (System.nanoTime() - start) / 1_000_000;
      flooding.set(false);
      probe.join();

      assertThat(problems).as("answers other than 200, or 503 with Retry-After").isEmpty();
      assertThat(service.handle()).as("the service process is still running").isPresent();
      assertThat(service.log()).doesNotContain("OutOfMemoryError");
      assertThat(batchesStored.get())
          .as("every batch stored in the end")
          .isEqualTo(CLIENTS * ROUNDS);
      EmbeddedServer database = EmbeddedServer.of(dataDir).orElseThrow();
      assertThat(
              Long.parseLong(
                  database.query(
                      "SELECT count(*) FROM messages WHERE message_id LIKE 'd7-batch-%'")))
          .as("every event of every batch answered 200 is stored")
          .isEqualTo((long) CLIENTS * ROUNDS * EVENTS_PER_BATCH);
      assertThat(
              Long.parseLong(
                  database.query(
                      "SELECT count(*) FROM messages WHERE message_id LIKE 'd7-probe-%'")))
          .as("every single track answered 200 is stored")
          .isEqualTo(tracksStored.get());
      LOG.info(
          String.format(
              "D7 flood: %d clients x %d rounds of %d-event batches (%d KB each) in %d ms on -Xmx256m:"
                  + " all stored; 503 answers %d; batch answer p50 %d ms p99 %d ms; single tracks %d stored, %d 503,"
                  + " p50 %d ms p99 %d ms max %d ms; /health/live p50 %d ms max %d ms; no OutOfMemoryError",
              CLIENTS,
              ROUNDS,
              EVENTS_PER_BATCH,
              batch(0, 0).length() / 1024,
              floodMillis,
              unavailable.get(),
              percentile(batchMillis, 50),
              percentile(batchMillis, 99),
              tracksStored.get(),
              tracksUnavailable.get(),
              percentile(trackMillis, 50),
              percentile(trackMillis, 99),
              percentile(trackMillis, 100),
              percentile(liveMillis, 50),
              percentile(liveMillis, 100)));
    } finally {
      service.stop();
      vertx.close().await();
    }
  }

  private static String batch(int client, int round) {
    StringBuilder body = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < EVENTS_PER_BATCH; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"type\":\"track\",\"userId\":\"d7-user-")
          .append(client)
          .append("\",\"event\":\"flood\",\"messageId\":\"d7-batch-")
          .append(client)
          .append('-')
          .append(round)
          .append('-')
          .append(i)
          .append("\",\"properties\":{\"email\":\"d7-user-")
          .append(client)
          .append("@example.com\",\"note\":\"")
          .append(FILLER)
          .append("\"}}");
    }
    return body.append("]}").toString();
  }

  private static HttpRequest post(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Authorization", RunningService.basic(RunningService.WRITE_KEY))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** Sends a request and files its time; its status if it was 200, or 503 with Retry-After; else a problem. */
  private static Optional<Integer> answer(
      HttpClient http, HttpRequest request, List<Long> millis, List<String> problems, String what) {
    long sent = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      millis.add((System.nanoTime() - sent) / 1_000_000);
      if (response.statusCode() == 200
          || response.statusCode() == 503
              && response.headers().firstValue("Retry-After").isPresent()) {
        return Optional.of(response.statusCode());
      }
      problems.add(what + " answered " + response.statusCode() + ": " + response.body());
    } catch (IOException e) {
      problems.add(what + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add(what + " interrupted");
    }
    return Optional.empty();
  }

  private static long percentile(List<Long> values, int percentile) {
    List<Long> sorted;
    synchronized (values) {
      sorted = new ArrayList<>(values);
    }
    if (sorted.isEmpty()) {
      return -1;
    }
    Collections.sort(sorted);
    return sorted.get(
        Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
