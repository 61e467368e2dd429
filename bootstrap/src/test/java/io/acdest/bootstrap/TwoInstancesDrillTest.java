package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.activecampaign.sandbox.SandboxSettings;
import io.acdest.adapters.persistence.DatabaseSettings;
import io.acdest.adapters.persistence.TestDatabase;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Drill D2, two instances (separate processes) on one PostgreSQL and one ActiveCampaign account that allows 5
 * requests per second: events spread over both; the account never sees more than 5 requests in any one second (no
 * 429), no event is lost or delivered twice, and when one instance is killed with SIGKILL mid-run the jobs it had
 * claimed go to the other once their lease runs out.
 * Fast in CI (200 events); full with {@code mvn -B -pl bootstrap -am verify -Dtest=TwoInstancesDrillTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Ddrill.events=5000} (about 21 minutes at 4 per second).
 */
class TwoInstancesDrillTest {
  private static final int EVENTS = Integer.getInteger("drill.events", 200);
  private static final int LEASE_SECONDS = 10;

  @Test
  void twoInstancesShareTheAccountsLimitAndLoseNothingWhenOneIsKilled() throws Exception {
    Vertx vertx = Vertx.vertx();
    ActiveCampaignSandbox account = ActiveCampaignSandbox.start(vertx,
        new SandboxSettings("d2-key-55e0", "1000", "d2-event-key", 5, true, true), 0);
    DatabaseSettings database = TestDatabase.newDatabaseSettings(2);
    ServiceProcess first = new ServiceProcess("d2-first", database, account, 5, 2, LEASE_SECONDS);
    ServiceProcess second = new ServiceProcess("d2-second", database, account, 5, 2, LEASE_SECONDS);
    HttpClient http = HttpClient.newHttpClient();
    try {
      first.start();
      second.start();
      for (int from = 0; from < EVENTS; from += 50) {
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = from; i < Math.min(EVENTS, from + 50); i++) {
          batch.append(i == from ? "" : ",").append("{\"type\":\"track\",\"userId\":\"d2-").append(i % 20)
              .append("\",\"event\":\"d2 ").append(i).append("\",\"messageId\":\"d2-").append(i)
              .append("\",\"properties\":{\"email\":\"d2-").append(i % 20).append("@example.com\"}}");
        }
        ServiceProcess target = (from / 50) % 2 == 0 ? first : second;
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(target.url() + "/v1/batch"))
            .header("Content-Type", "application/json").header("Authorization", RunningService.basic(RunningService.WRITE_KEY))
            .POST(HttpRequest.BodyPublishers.ofString(batch.append("]}").toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
      }
      String killed = first.instance();
      await().atMost(Duration.ofSeconds(60 + EVENTS / 4)).pollInterval(Duration.ofMillis(50))
          .until(() -> RunningService.trackedEvents(account).size() >= EVENTS / 5 && leasedTo(database, killed) > 0);
      first.killNine(); // mid-run: what it had claimed stays leased to it until the lease runs out
      long killedAt = System.nanoTime();
      int beforeKill = RunningService.trackedEvents(account).size();
      int heldByKilled = leasedTo(database, killed);
      await().atMost(Duration.ofSeconds(LEASE_SECONDS * 3L)).pollInterval(Duration.ofMillis(200))
          .until(() -> leasedTo(database, killed) == 0);
      double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;

      await().atMost(Duration.ofSeconds(60 + EVENTS / 4)).pollInterval(Duration.ofMillis(500))
          .until(() -> RunningService.trackedEvents(account).size() >= EVENTS);
      Thread.sleep(2_000); // anything still going out would show up as a duplicate

      List<String> delivered = RunningService.trackedEvents(account);
      Set<String> distinct = new HashSet<>(delivered);
      JsonNode requests = account.state().path("requests");
      System.out.printf("D2 two instances: %d events, %d delivered (%d distinct), %d before one instance was killed"
              + " holding %d jobs, taken over %.1f s after the kill (lease %d s); account saw %d requests, at most %d in"
              + " one second, answered 429 %d times%n",
          EVENTS, delivered.size(), distinct.size(), beforeKill, heldByKilled, takeoverSeconds, LEASE_SECONDS,
          requests.path("total").asInt(), requests.path("maxInOneSecond").asInt(), requests.path("throttled").asInt());
      assertThat(distinct).hasSize(EVENTS);
      assertThat(delivered).as("none delivered twice").hasSize(EVENTS);
      assertThat(heldByKilled).as("the kill left jobs leased to the killed instance").isPositive();
      assertThat(takeoverSeconds).as("taken over once the lease ran out").isLessThan(LEASE_SECONDS * 2.0);
      assertThat(requests.path("maxInOneSecond").asInt()).as("most requests the account saw in one second")
          .isLessThanOrEqualTo(5);
      assertThat(requests.path("throttled").asInt()).as("429 answers").isZero();
    } finally {
      first.stop();
      second.stop();
      account.stop();
      vertx.close();
    }
  }

  /** Jobs still waiting under a lease of the instance's workers. */
  private static int leasedTo(DatabaseSettings database, String instance) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement count = connection.prepareStatement(
            "SELECT count(*) FROM delivery_jobs WHERE status = 'pending' AND lease_owner LIKE ?")) {
      count.setString(1, instance + "-worker-%");
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }
}
