package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.activecampaign.sandbox.SandboxFault;
import io.acdest.adapters.persistence.DatabaseSettings;
import io.acdest.adapters.persistence.PersistenceModule;
import io.acdest.adapters.persistence.TestDatabase;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drill D4, ActiveCampaign outage and throttling: the account answers 503 for a while, then 429 with Retry-After
 * in bursts. Afterwards every event is delivered, each user's order is kept, 429s use no attempts, and no request
 * reaches the account before a Retry-After it gave has elapsed. Fast in CI (an 8 s outage); full with
 * {@code mvn -B -pl bootstrap -am verify -Dtest=ActiveCampaignOutageDrillTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddrill.acOutageSeconds=120}.
 */
class ActiveCampaignOutageDrillTest {
  private static final int OUTAGE_SECONDS = Integer.getInteger("drill.acOutageSeconds", 8);
  private static final int USERS = 5;
  private static final int EVENTS_PER_USER = 8;

  @Test
  void anOutageAndThrottlingLoseNothingKeepOrderAndRespectRetryAfter() throws Exception {
    Vertx vertx = Vertx.vertx();
    ActiveCampaignSandbox account =
        ActiveCampaignSandbox.start(
            vertx,
            new io.acdest.adapters.activecampaign.sandbox.SandboxSettings(
                "d4-key-9a1c", "1000", "d4-event-key", 5, true, true),
            0);
    DatabaseSettings database = TestDatabase.newDatabaseSettings(10);
    try (RunningService service =
        new RunningService(database, RunningService.deliveringTo(account, 5))) {
      account.inject(SandboxFault.outage("/event", 503, Duration.ofSeconds(OUTAGE_SECONDS)));
      StringBuilder batch = new StringBuilder("{\"batch\":[");
      for (int i = 0; i < EVENTS_PER_USER; i++) {
        for (int u = 0; u < USERS; u++) {
          batch
              .append(batch.length() > 10 ? "," : "")
              .append("{\"type\":\"track\",\"userId\":\"d4-")
              .append(u)
              .append("\",\"event\":\"u")
              .append(u)
              .append(" #")
              .append(i)
              .append("\",\"properties\":{\"email\":\"d4-")
              .append(u)
              .append("@example.com\"}}");
        }
      }
      assertThat(service.post("/v1/batch", batch.append("]}").toString()).statusCode())
          .isEqualTo(200);

      Thread.sleep(OUTAGE_SECONDS * 1_000L);
      for (int burst = 0; burst < 3; burst++) {
        account.inject(SandboxFault.retryAfter("/event", 3, 429, 2));
        Thread.sleep(2_500);
      }
      int total = USERS * EVENTS_PER_USER;
      await()
          .atMost(Duration.ofSeconds(330 + OUTAGE_SECONDS))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> account.state().path("tracking").path("events").size() >= total);

      Map<String, List<Integer>> order = new LinkedHashMap<>();
      for (JsonNode event : account.state().path("tracking").path("events")) {
        String[] parts = event.path("event").asText().split(" #");
        order.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
      }
      JsonNode requests = account.state().path("requests");
      long attemptsUsed;
      long transientFailures;
      try (var pool = PersistenceModule.pool(database);
          Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        try (ResultSet r = s.executeQuery("SELECT coalesce(sum(attempts), 0) FROM delivery_jobs")) {
          r.next();
          attemptsUsed = r.getLong(1);
        }
        try (ResultSet r =
            s.executeQuery("SELECT count(*) FROM attempts WHERE http_status = 503")) {
          r.next();
          transientFailures = r.getLong(1);
        }
      }
      long throttledAnswers = account.recentRequests().size() > 0 ? countStatus(service, 429) : 0;
      System.out.printf(
          "D4 ActiveCampaign outage of %d s then 429 bursts: %d events delivered of %d, order kept for"
              + " %d users, %d requests before a Retry-After elapsed, attempts used %d = 503 answers %d, 429 answers %d%n",
          OUTAGE_SECONDS,
          account.state().path("tracking").path("events").size(),
          total,
          order.size(),
          requests.path("tracking").path("beforeRetryAfter").asInt(),
          attemptsUsed,
          transientFailures,
          throttledAnswers);

      assertThat(account.state().path("tracking").path("events")).hasSize(total);
      assertThat(order)
          .hasSize(USERS)
          .allSatisfy((user, sequence) -> assertThat(sequence).isSorted().hasSize(EVENTS_PER_USER));
      assertThat(requests.path("tracking").path("beforeRetryAfter").asInt())
          .as("requests to the tracking host before its Retry-After elapsed")
          .isZero();
      assertThat(attemptsUsed).as("only the 503s used attempts").isEqualTo(transientFailures);
      assertThat(transientFailures).as("the outage was seen").isPositive();
      assertThat(throttledAnswers).as("the throttling was seen").isPositive();
    } finally {
      account.stop();
      vertx.close();
    }
  }

  private static long countStatus(RunningService service, int status) {
    String metrics =
        service
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(service.url() + "/metrics"))
                    .build())
            .body();
    return metrics
        .lines()
        .filter(
            l ->
                l.startsWith("acdest_crm_requests_total")
                    && l.contains("status=\"" + status + "\""))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
