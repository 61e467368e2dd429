package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.activecampaign.sandbox.SandboxSettings;
import io.acdest.adapters.persistence.DatabaseSettings;
import io.acdest.adapters.persistence.TestDatabase;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Drill D2, two instances on one PostgreSQL and one ActiveCampaign account (5 requests per second): events spread
 * over both; no event is lost or delivered twice, stopping one instance mid-run hands its jobs to the other once
 * their lease runs out, and the account's 429 answers stay rare (the strict "never more than 5 in a second" is
 * not met yet, see docs/reliability.md).
 * Fast in CI (200 events); full with {@code -Ddrill.events=5000} (about 17 minutes at 5 per second).
 */
class TwoInstancesDrillTest {
  private static final int EVENTS = Integer.getInteger("drill.events", 200);

  @Test
  void twoInstancesShareTheAccountsLimitAndLoseNothingWhenOneStops() throws Exception {
    Vertx vertx = Vertx.vertx();
    ActiveCampaignSandbox account = ActiveCampaignSandbox.start(vertx,
        new SandboxSettings("d2-key-55e0", "1000", "d2-event-key", 5, true, true), 0);
    DatabaseSettings database = TestDatabase.newDatabaseSettings(20);
    Map<String, String> env = new HashMap<>(RunningService.deliveringTo(account, 5));
    env.put("DELIVERY_LEASE_SECONDS", "10");
    RunningService first = new RunningService(database, env);
    RunningService second = new RunningService(database, env);
    try {
      for (int from = 0; from < EVENTS; from += 50) {
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = from; i < Math.min(EVENTS, from + 50); i++) {
          batch.append(i == from ? "" : ",").append("{\"type\":\"track\",\"userId\":\"d2-").append(i % 20)
              .append("\",\"event\":\"d2 ").append(i).append("\",\"messageId\":\"d2-").append(i)
              .append("\",\"properties\":{\"email\":\"d2-").append(i % 20).append("@example.com\"}}");
        }
        RunningService target = (from / 50) % 2 == 0 ? first : second;
        assertThat(target.post("/v1/batch", batch.append("]}").toString()).statusCode()).isEqualTo(200);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> account.state().path("tracking").path("events").size() >= EVENTS / 5);
      int beforeStop = account.state().path("tracking").path("events").size();
      first.close(); // stopped mid-run: what it had claimed waits for its lease, then the second takes it over

      await().atMost(Duration.ofSeconds(60 + EVENTS / 4)).pollInterval(Duration.ofMillis(500))
          .until(() -> account.state().path("tracking").path("events").size() >= EVENTS);
      Thread.sleep(1_000);

      List<String> delivered = new ArrayList<>();
      account.state().path("tracking").path("events").forEach(e -> delivered.add(e.path("event").asText()));
      Set<String> distinct = new HashSet<>(delivered);
      JsonNode requests = account.state().path("requests");
      System.out.printf("D2 two instances: %d events, %d delivered (%d distinct), %d before one instance stopped;"
              + " account answered 429 %d times, most requests in one second %d%n",
          EVENTS, delivered.size(), distinct.size(), beforeStop, requests.path("throttled").asInt(),
          requests.path("maxInOneSecond").asInt());
      assertThat(distinct).hasSize(EVENTS);
      assertThat(delivered).as("none delivered twice").hasSize(EVENTS);
      // Open: the strict "never more than 5 in any second" does not hold yet on a loaded 2-core machine (a single
      // request delayed ~100 ms crowds six arrivals into one second); the account's 429 is honoured and nothing is
      // lost. Bounded here so that a regression shows; see docs/reliability.md.
      assertThat(requests.path("throttled").asInt() * 100).as("429 answers, at most 1 % of requests")
          .isLessThanOrEqualTo(requests.path("total").asInt());
    } finally {
      first.close();
      second.close();
      account.stop();
      vertx.close();
    }
  }
}
