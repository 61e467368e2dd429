package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acdest.adapters.persistence.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Drill D3, database outage: PostgreSQL stops under load and comes back. While it is down no call gets a 2xx (503
 * with Retry-After instead), the service recovers without a restart, and every call that got a 2xx is delivered,
 * none twice: with the default lease outlasting the outage, outcomes known during it are recorded once the database
 * is back, and deliveries it interrupted are taken up again by their worker.
 * Fast in CI (a 12 s outage); full with {@code mvn -B -pl bootstrap -am verify -Dtest=DatabaseOutageDrillTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Ddrill.outageSeconds=30}.
 */
class DatabaseOutageDrillTest {
  private static final int OUTAGE_SECONDS = Integer.getInteger("drill.outageSeconds", 12);

  /** One request of the load and its answer. */
  private record Answer(
      Instant sent, Instant answered, int status, boolean retryAfter, String event) {}

  private static EmbeddedPostgres start(Path dir, int port) throws Exception {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  @Test
  void aDatabaseOutageLosesNothingAndNeverAnswers2xxWhileDown() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "outage-pg");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    EmbeddedPostgres postgres = start(dir, port);
    DatabaseSettings database =
        new DatabaseSettings(
            postgres.getJdbcUrl("postgres", "postgres"),
            "postgres",
            null,
            new DatabaseSettings.Pool(
                10, 2, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofMinutes(30)));
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox account =
        RunningService.fastAccount(vertx);
    try (RunningService service =
        new RunningService(database, RunningService.deliveringTo(account, 100))) {
      HttpClient http = HttpClient.newHttpClient();
      List<Answer> answers = new CopyOnWriteArrayList<>();
      AtomicBoolean loading = new AtomicBoolean(true);
      AtomicInteger sequence = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        clients.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (loading.get()) {
                        String event = "Outage " + sequence.incrementAndGet();
                        Instant sent = Instant.now();
                        try {
                          HttpResponse<String> response =
                              http.send(
                                  HttpRequest.newBuilder(URI.create(service.url() + "/v1/track"))
                                      .timeout(Duration.ofSeconds(10))
                                      .header("Content-Type", "application/json")
                                      .header(
                                          "Authorization",
                                          RunningService.basic(RunningService.WRITE_KEY))
                                      .POST(
                                          HttpRequest.BodyPublishers.ofString(
                                              "{\"userId\":\"o"
                                                  + (sequence.get() % 5)
                                                  + "\",\"event\":\""
                                                  + event
                                                  + "\",\"properties\":{\"email\":\"o@example.com\"}}"))
                                      .build(),
                                  HttpResponse.BodyHandlers.ofString());
                          answers.add(
                              new Answer(
                                  sent,
                                  Instant.now(),
                                  response.statusCode(),
                                  response.headers().firstValue("Retry-After").isPresent(),
                                  event));
                        } catch (Exception e) {
                          answers.add(new Answer(sent, Instant.now(), -1, false, event));
                        }
                        try {
                          Thread.sleep(20);
                        } catch (InterruptedException stop) {
                          return;
                        }
                      }
                    }));
      }
      Thread.sleep(2_000);
      postgres.close();
      Instant down = Instant.now();
      Thread.sleep(OUTAGE_SECONDS * 1_000L);
      Instant restarting =
          Instant.now(); // the database may answer from here on, before start() returns
      postgres = start(dir, port);
      Instant up = Instant.now();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> answers.stream().anyMatch(a -> a.sent().isAfter(up) && a.status() == 200));
      Instant recovered =
          answers.stream()
              .filter(a -> a.sent().isAfter(up) && a.status() == 200)
              .map(Answer::answered)
              .min(Instant::compareTo)
              .orElseThrow();
      Thread.sleep(2_000);
      loading.set(false);
      for (Thread client : clients) {
        client.join();
      }

      List<Answer> whileDown =
          answers.stream()
              .filter(
                  a -> a.sent().isAfter(down.plusMillis(500)) && a.answered().isBefore(restarting))
              .toList();
      Set<String> accepted = new HashSet<>();
      answers.stream().filter(a -> a.status() == 200).forEach(a -> accepted.add(a.event()));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> new HashSet<>(RunningService.trackedEvents(account)).containsAll(accepted));
      if (Boolean.getBoolean("drill.timeline")) {
        answers.stream()
            .filter(a -> a.sent().isAfter(down.minusMillis(300)) && a.sent().isBefore(up))
            .forEach(
                a ->
                    System.out.printf(
                        "  sent %+6d ms, answered %+6d ms: %d%n",
                        Duration.between(down, a.sent()).toMillis(),
                        Duration.between(down, a.answered()).toMillis(),
                        a.status()));
      }
      Thread.sleep(1_000); // anything still going out would show up as a duplicate
      List<String> delivered = RunningService.trackedEvents(account);
      long twice = delivered.size() - new HashSet<>(delivered).size();
      long twoXxWhileDown = whileDown.stream().filter(a -> a.status() / 100 == 2).count();
      long unavailable =
          whileDown.stream().filter(a -> a.status() == 503 && a.retryAfter()).count();
      long unanswered =
          whileDown.stream().filter(a -> a.status() < 0).count(); // the client gave up after 10 s
      System.out.printf(
          "D3 database outage of %d s: %d requests, %d made while down (%d answered 503 + Retry-After,"
              + " %d timed out at the client, %d 2xx), recovered %d ms after the database returned, %d accepted calls"
              + " all delivered, %d of them twice%n",
          OUTAGE_SECONDS,
          answers.size(),
          whileDown.size(),
          unavailable,
          unanswered,
          twoXxWhileDown,
          Duration.between(up, recovered).toMillis(),
          accepted.size(),
          twice);
      assertThat(whileDown).as("requests made while the database was down").isNotEmpty();
      assertThat(twoXxWhileDown).isZero();
      assertThat(unavailable + unanswered)
          .as("every answer while down is 503 with Retry-After")
          .isEqualTo(whileDown.size());
      assertThat(Duration.between(up, recovered)).isLessThan(Duration.ofSeconds(30));
      // with the default lease (120 s) outlasting the outage, every outcome known during it is kept
      assertThat(twice).as("delivered twice").isZero();
    } finally {
      postgres.close();
      account.stop();
      vertx.close();
    }
  }
}
