package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.activecampaign.sandbox.SandboxSettings;
import io.acdest.adapters.persistence.DatabaseSettings;
import io.acdest.adapters.persistence.PersistenceModule;
import io.acdest.adapters.persistence.TestDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A restart between acceptance and delivery loses and repeats nothing; no secret is ever logged or stored. */
class RestartAndSecretsTest {
  private static final String AC_KEY = "ac-api-key-3b9d1f7e24c8a6";

  @Test
  void callsAcceptedBeforeAStopAreDeliveredOnceAfterTheRestart() throws Exception {
    Vertx vertx = Vertx.vertx();
    ActiveCampaignSandbox account =
        ActiveCampaignSandbox.start(
            vertx, new SandboxSettings(AC_KEY, "1000", "event-key-9f8e7d", 5, true, true), 0);
    DatabaseSettings database = TestDatabase.newDatabaseSettings(10);
    Map<String, String> env = new HashMap<>();
    env.put("ACTIVECAMPAIGN_API_URL", account.baseUrl());
    env.put("ACTIVECAMPAIGN_TRACKING_URL", account.baseUrl());
    env.put("ACTIVECAMPAIGN_API_KEY", AC_KEY);
    env.put("ACTIVECAMPAIGN_ACCOUNT_ID", "1000");
    env.put("ACTIVECAMPAIGN_EVENT_KEY", "event-key-9f8e7d");
    try {
      StringBuilder batch = new StringBuilder("{\"batch\":[");
      for (int i = 0; i < 20; i++) {
        batch
            .append(i == 0 ? "" : ",")
            .append("{\"type\":\"track\",\"userId\":\"user-")
            .append(i % 4)
            .append("\",\"event\":\"Event ")
            .append(i)
            .append("\",\"messageId\":\"r-")
            .append(i)
            .append("\",\"properties\":{\"email\":\"user")
            .append(i % 4)
            .append("@example.com\"}}");
      }
      try (RunningService first = new RunningService(database, env)) {
        assertThat(first.post("/v1/batch", batch.append("]}").toString()).statusCode())
            .isEqualTo(200);
      } // stopped at once: at 5 requests per second most of the 20 are still queued

      int deliveredBeforeRestart = account.state().path("tracking").path("events").size();
      try (RunningService second = new RunningService(database, env)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> account.state().path("tracking").path("events").size() >= 20);
        Thread.sleep(500); // anything delivered twice would show up now
        assertThat(RunningService.trackedEvents(account)).hasSize(20).doesNotHaveDuplicates();
        assertThat(deliveredBeforeRestart).as("the restart had work left to do").isLessThan(20);

        assertNoSecretIn(second, database);
      }
    } finally {
      account.stop();
      vertx.close();
    }
  }

  private static void assertNoSecretIn(RunningService service, DatabaseSettings database)
      throws Exception {
    List<String> secrets =
        List.of(AC_KEY, RunningService.WRITE_KEY, RunningService.ADMIN_TOKEN, "event-key-9f8e7d");
    String log = Files.readString(Path.of("target", "service-under-test.log"));
    assertThat(log).contains("listening on port");
    for (String secret : secrets) {
      assertThat(log).as("the log").doesNotContain(secret);
    }
    StringBuilder dump = new StringBuilder();
    try (var pool = PersistenceModule.pool(database);
        Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (String table :
          List.of(
              "messages",
              "delivery_jobs",
              "attempts",
              "directory_identities",
              "directory_aliases",
              "contact_sync_states",
              "rate_limits")) {
        try (ResultSet rows = s.executeQuery("SELECT row_to_json(t)::text FROM " + table + " t")) {
          while (rows.next()) {
            dump.append(rows.getString(1)).append('\n');
          }
        }
      }
    }
    assertThat(dump).as("every stored row").contains("Event 0");
    for (String secret : secrets) {
      assertThat(dump.toString()).as("every stored row").doesNotContain(secret);
    }
    JsonNode admin = service.admin("/admin/messages/r-0");
    assertThat(admin.toString()).doesNotContain(AC_KEY).doesNotContain(RunningService.WRITE_KEY);
  }
}
