package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.persistence.DatabaseSettings;
import io.acdest.adapters.persistence.TestDatabase;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drill D6, a shared account: a backlog of identifies that all carry one tag the account does not have yet, sent at
 * once, so that bulk imports (which create the tag on ActiveCampaign's side) race single syncs (which search for it
 * and create it), while a marketer creates the same tag in the account's UI between the service's search and its
 * create. ActiveCampaign refuses every create after the first with {@code 422 {"message":"Could not process
 * request","error":"Duplicate entry ..."}}: before issue 11 that left identifies dead. Every contact must end
 * tagged, and no message dead. Fast in CI (2,000 identifies); larger with {@code -Ddrill.identifies=N}.
 */
class AccountDriftDrillTest {
  private static final int IDENTIFIES = Integer.getInteger("drill.identifies", 2_000);
  private static final String TAG = "Summer Sale";

  @Test
  void aBacklogThatAllCarriesOneNewTagEndsWithEveryContactTaggedAndNoneDead() throws Exception {
    Vertx vertx = Vertx.vertx();
    ActiveCampaignSandbox account = RunningService.fastAccount(vertx);
    DatabaseSettings database = TestDatabase.newDatabaseSettings(10);
    account.meanwhile(
        "POST /api/3/tags", () -> account.createTag(TAG)); // a marketer, between search and create
    Map<String, String> settings = new LinkedHashMap<>(RunningService.deliveringTo(account, 100));
    settings.put("DELIVERY_WORKERS", "4");
    try (RunningService service = new RunningService(database, settings)) {
      long start = System.nanoTime();
      // the first alone, so that its search and create meet the marketer's tag; then the backlog at
      // once
      for (int from = 0; from < IDENTIFIES; from += from == 0 ? 1 : 100) {
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = from; i < Math.min(IDENTIFIES, from == 0 ? 1 : from + 100); i++) {
          // one in four resets its tags, which a bulk import cannot do: those go one by one, racing
          // the imports
          batch
              .append(i == from ? "" : ",")
              .append("{\"type\":\"identify\",\"userId\":\"d6-")
              .append(i)
              .append("\",\"messageId\":\"d6-")
              .append(i)
              .append("\",\"traits\":{\"email\":\"d6-")
              .append(i)
              .append("@example.com\",\"firstName\":\"User\",\"lastName\":\"N")
              .append(i)
              .append("\",\"tags\":[\"")
              .append(i % 2 == 0 ? "summer sale" : "SUMMER SALE")
              .append("\"]")
              .append(i % 4 == 0 ? ",\"tagsReset\":1" : "")
              .append("}}");
        }
        HttpResponse<String> answer = service.post("/v1/batch", batch.append("]}").toString());
        assertThat(answer.statusCode()).isEqualTo(200);
        if (from == 0) {
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> service.stateOf("d6-0").equals("delivered"));
        }
      }
      await()
          .atMost(Duration.ofSeconds(120 + IDENTIFIES / 20))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> counts(database).get("open") == 0);
      double seconds = (System.nanoTime() - start) / 1e9;

      Map<String, Long> counts = counts(database);
      JsonNode state = account.state();
      long tagged = 0;
      for (JsonNode contact : state.path("contacts")) {
        for (JsonNode tag : contact.path("tags")) {
          tagged += tag.asText().equalsIgnoreCase(TAG) ? 1 : 0;
        }
      }
      System.out.printf(
          "D6 shared account: %d identifies with one new tag in %.1f s: %d contacts, %d tagged, %d tags"
              + " named so in the account; messages delivered %d, dead %d; tag creates refused with 422 and resolved"
              + " by search: %d%n",
          IDENTIFIES,
          seconds,
          state.path("contacts").size(),
          tagged,
          state.path("tags").size(),
          counts.get("delivered"),
          counts.get("dead"),
          counts.get("refused creates"));
      assertThat(counts.get("dead")).as("no message dead").isZero();
      assertThat(counts.get("delivered")).isEqualTo(IDENTIFIES);
      assertThat(state.path("contacts").size()).isEqualTo(IDENTIFIES);
      assertThat(tagged).as("every contact tagged").isEqualTo(IDENTIFIES);
      assertThat(state.path("tags").size()).as("one tag, whoever created it").isEqualTo(1);
      assertThat(counts.get("refused creates")).as("the race happened").isPositive();
    } finally {
      account.stop();
      vertx.close();
    }
  }

  private static Map<String, Long> counts(DatabaseSettings database) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection =
            DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                """
            SELECT 'open', count(*) FROM messages WHERE state IN ('accepted', 'delivering')
            UNION ALL SELECT 'delivered', count(*) FROM messages WHERE state = 'delivered'
            UNION ALL SELECT 'dead', count(*) FROM messages WHERE state = 'dead'
            UNION ALL SELECT 'refused creates', count(*) FROM attempts WHERE endpoint = 'tags.create' AND http_status = 422
            """)) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }
}
