package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.persistence.DatabaseSettings;
import io.acdest.adapters.persistence.TestDatabase;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Drill D1, kill -9: the service runs as its own process, on a PostgreSQL and an ActiveCampaign sandbox that outlive
 * it, and is killed with SIGKILL several times while clients send events and while it delivers them, then started
 * again. The clients retry on connection errors and 5xx with the same messageId, as Segment's libraries do. Every
 * event that got a 2xx is delivered; none is delivered twice except a request in flight at a kill (at most one per
 * delivery worker per kill); each user's events arrive in the order they were sent; every event is stored once.
 * It runs twice: on an external PostgreSQL, and on the embedded default (no DATABASE_URL), where every kill also
 * orphans the service's own PostgreSQL. The first kill lands mid-ingest, the others after each further share of
 * deliveries. Fast in CI (1,000 events, 3 kills); full with {@code mvn -B -pl bootstrap -am verify -Dtest=KillNineDrillTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Ddrill.killEvents=10000 -Ddrill.kills=5 -Ddrill.ingestSeconds=80}.
 */
class KillNineDrillTest {
  private static final int EVENTS = Integer.getInteger("drill.killEvents", 1_000);
  private static final int KILLS = Integer.getInteger("drill.kills", 3);
  private static final int INGEST_SECONDS = Integer.getInteger("drill.ingestSeconds", 8);
  private static final int CLIENTS = 10;
  private static final int USERS = Math.max(CLIENTS, EVENTS / 100);
  private static final int WORKERS = 2;

  @Test
  void killedWithSigkillRepeatedlyItLosesNothingAndKeepsEachUsersOrder() throws Exception {
    DatabaseSettings database = TestDatabase.newDatabaseSettings(4);
    drill(
        "D1 kill -9 (external PostgreSQL)",
        Optional.of(database),
        Path.of("target", "d1-service-data"),
        () ->
            DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password()));
  }

  /**
   * The same drill on the embedded default (no DATABASE_URL), as {@code java -jar} alone runs: each kill also
   * leaves the service's own PostgreSQL orphaned, and each restart must stop it and carry on (issue 11).
   */
  @Test
  void onTheEmbeddedDefaultKilledWithSigkillRepeatedlyItLosesNothingAndKeepsEachUsersOrder()
      throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "d1-embedded");
    drill(
        "D1 kill -9 (embedded default)",
        Optional.empty(),
        dataDir,
        () -> EmbeddedServer.of(dataDir).orElseThrow().connect());
  }

  /** A connection to the service's database. */
  private interface Database {
    Connection connect() throws Exception;
  }

  private void drill(String name, Optional<DatabaseSettings> database, Path dataDir, Database db)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    ActiveCampaignSandbox account = RunningService.fastAccount(vertx);
    // what a killed instance had claimed is taken over 5 s later
    ServiceProcess service =
        new ServiceProcess(
            dataDir.getFileName().toString(), database, dataDir, account, 100, WORKERS, 5);
    String url = service.url();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    try {
      service.start();
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      List<String> problems = new CopyOnWriteArrayList<>();
      AtomicInteger connectionErrors = new AtomicInteger();
      AtomicInteger unavailable = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      int mine = EVENTS / CLIENTS;
                      for (int i = 0; i < mine; i++) {
                        int user = client + CLIENTS * (i % (USERS / CLIENTS));
                        int sequence = i / (USERS / CLIENTS);
                        String event = "d1 u" + user + " " + sequence;
                        pace(
                            start,
                            Duration.ofSeconds(INGEST_SECONDS).multipliedBy(i).dividedBy(mine));
                        String body =
                            "{\"userId\":\"d1-user-"
                                + user
                                + "\",\"event\":\""
                                + event
                                + "\",\"messageId\":\"d1-"
                                + user
                                + "-"
                                + sequence
                                + "\",\"properties\":{\"email\":\"d1-user-"
                                + user
                                + "@example.com\"}}";
                        while (true) { // as Segment's libraries do: the same messageId again until
                          // a definite answer
                          try {
                            HttpResponse<String> response =
                                http.send(
                                    HttpRequest.newBuilder(URI.create(url + "/v1/track"))
                                        .timeout(Duration.ofSeconds(10))
                                        .header("Content-Type", "application/json")
                                        .header(
                                            "Authorization",
                                            RunningService.basic(RunningService.WRITE_KEY))
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() / 100 == 2) {
                              acknowledged.add(event);
                              break;
                            }
                            if (response.statusCode() < 500 && response.statusCode() != 429) {
                              problems.add(
                                  event + ": " + response.statusCode() + " " + response.body());
                              break;
                            }
                            unavailable.incrementAndGet();
                          } catch (IOException killed) {
                            connectionErrors.incrementAndGet();
                          } catch (InterruptedException stop) {
                            return;
                          }
                          pause(50);
                        }
                      }
                    }));
      }

      int killsDuringIngest = 0;
      for (int kill = 1; kill <= KILLS; kill++) {
        int threshold = EVENTS * kill / (KILLS + 1);
        // the first kill lands mid-ingest whatever the delivery rate; the others after each share
        // of deliveries
        long ingestMidpoint = start + Duration.ofSeconds(INGEST_SECONDS).toNanos() / 2;
        boolean noneYetDuringIngest = killsDuringIngest == 0;
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    RunningService.trackedEvents(account).size() >= threshold
                        || (noneYetDuringIngest && System.nanoTime() >= ingestMidpoint));
        pause(ThreadLocalRandom.current().nextInt(300));
        if (clients.stream().anyMatch(Thread::isAlive)) {
          killsDuringIngest++;
        }
        service.killNine();
        service.start();
      }
      for (Thread client : clients) {
        client.join();
      }
      await()
          .atMost(Duration.ofSeconds(120 + EVENTS / 50))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> Set.copyOf(RunningService.trackedEvents(account)).containsAll(acknowledged));
      pause(2_000); // anything still going out would show up as a duplicate

      List<String> delivered = RunningService.trackedEvents(account);
      Set<String> distinct = Set.copyOf(delivered);
      int duplicates = delivered.size() - distinct.size();
      List<String> outOfOrder = outOfOrder(delivered);
      Map<String, Long> stored =
          counts(
              db,
              "SELECT 'stored', count(*) FROM messages UNION ALL SELECT 'delivered', count(*) FROM messages WHERE state = 'delivered'"
                  + " UNION ALL SELECT 'recorded', count(*) FROM attempts WHERE endpoint LIKE '%event%'");
      int sent = account.state().path("requests").path("byEndpoint").path("POST /event").asInt();
      long unrecorded = sent - stored.get("recorded");
      System.out.printf(
          "%s: %d events, %d kills (%d during ingest, all during delivery); %d acknowledged,"
              + " %d delivered (%d distinct, %d twice: requests a kill cut off before their outcome was recorded, %d of them"
              + " before even their attempt was filed),"
              + " %d out of order; clients retried %d connection errors and %d 5xx; stored %d, delivered state %d%n",
          name,
          EVENTS,
          KILLS,
          killsDuringIngest,
          acknowledged.size(),
          delivered.size(),
          distinct.size(),
          duplicates,
          unrecorded,
          outOfOrder.size(),
          connectionErrors.get(),
          unavailable.get(),
          stored.get("stored"),
          stored.get("delivered"));
      assertThat(problems).as("answers that were neither 2xx nor retryable").isEmpty();
      assertThat(acknowledged).hasSize(EVENTS);
      assertThat(distinct).as("every acknowledged event is delivered").containsAll(acknowledged);
      assertThat(duplicates)
          .as("delivered twice: only requests in flight at a kill, one per worker at most")
          .isLessThanOrEqualTo(KILLS * WORKERS);
      assertThat(outOfOrder).as("each user's events in the order sent").isEmpty();
      assertThat(stored.get("stored"))
          .as("every event stored once, however often it was sent")
          .isEqualTo(EVENTS);
      assertThat(stored.get("delivered")).isEqualTo(EVENTS);
      assertThat(killsDuringIngest).as("kills that hit ingest").isPositive();
    } finally {
      service.stop();
      account.stop();
      vertx.close();
    }
  }

  /** Events that arrived after a later event of the same user (a repeat of the latest one is not out of order). */
  static List<String> outOfOrder(List<String> delivered) {
    Map<String, Integer> latest = new HashMap<>();
    List<String> wrong = new ArrayList<>();
    for (String event : delivered) {
      String[] parts = event.split(" ");
      int sequence = Integer.parseInt(parts[2]);
      Integer before = latest.put(parts[1], Math.max(sequence, latest.getOrDefault(parts[1], -1)));
      if (before != null && sequence < before) {
        wrong.add(event + " after " + parts[1] + " " + before);
      }
    }
    return wrong;
  }

  private static Map<String, Long> counts(Database db, String query) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }

  private static void pace(long start, Duration at) {
    long waitNanos = start + at.toNanos() - System.nanoTime();
    if (waitNanos > 0) {
      pause(waitNanos / 1_000_000);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
