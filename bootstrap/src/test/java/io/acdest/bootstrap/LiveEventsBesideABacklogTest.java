package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.activecampaign.sandbox.SandboxSettings;
import io.acdest.adapters.persistence.TestDatabase;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * B6's fast variant, as properties (issue 12; the timed run is in docs/performance.md): live tracks keep flowing
 * on the tracking budget while identifies that must go one by one drain on the REST budget, against an account
 * that answers 429 to a sixth REST request within any sliding second, with the service at its default rates
 * (5 REST, 20 tracking) and workers. Every track is in the account before the identifies are done (no head-of-line
 * blocking); the REST API never sees six in one second and answers no 429; a new user's track, sent right after
 * that user's identify and carrying no email, still reaches the contact (per-user order across the lanes).
 */
class LiveEventsBesideABacklogTest {
  private static final int SYNCED = 8;
  private static final int TRACKS = 80;
  private static final int IDENTIFIES = 20;

  @Test
  void liveEventsFlowWhileARestBoundBacklogDrainsAtTheAccountsLimit() throws Exception {
    Vertx vertx = Vertx.vertx();
    ActiveCampaignSandbox account =
        ActiveCampaignSandbox.start(
            vertx, new SandboxSettings("b6-key-31f0", "1000", "b6-event-key", 5, true, true), 0);
    Map<String, String> settings = new LinkedHashMap<>(RunningService.deliveringTo(account, 5));
    settings.put("ACTIVECAMPAIGN_TRACKING_RATE_LIMIT", "20");
    settings.put("DELIVERY_WORKERS", "4");
    settings.put("ACTIVITY_WORKERS", "8");
    try (RunningService service =
        new RunningService(TestDatabase.newDatabaseSettings(10), settings)) {
      List<String> synced = new ArrayList<>();
      for (int u = 0; u < SYNCED; u++) {
        synced.add(identify("b6-user-" + u, "b6-user-" + u + "@example.com", false));
      }
      assertThat(service.post("/v1/batch", batch(synced)).statusCode()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> account.state().path("contacts").size() == SYNCED);

      List<String> mixed = new ArrayList<>();
      for (int i = 0; i < IDENTIFIES; i++) {
        mixed.add(identify("b6-new-" + i, "b6-new-" + i + "@example.com", true));
        if (i < 5) { // right behind its identify, without an email: it needs the identify delivered
          // first
          mixed.add(
              "{\"type\":\"track\",\"userId\":\"b6-new-"
                  + i
                  + "\",\"event\":\"after identify "
                  + i
                  + "\"}");
        }
      }
      for (int t = 0; t < TRACKS; t++) {
        mixed.add(
            t,
            "{\"type\":\"track\",\"userId\":\"b6-user-"
                + (t % SYNCED)
                + "\",\"event\":\"live "
                + t
                + "\",\"properties\":{\"acValue\":"
                + t
                + "}}");
      }
      assertThat(service.post("/v1/batch", batch(mixed)).statusCode()).isEqualTo(200);

      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> live(account.state()) == TRACKS);
      int identifiedWhenTracksWereIn = newContacts(account.state());
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  newContacts(account.state()) == IDENTIFIES
                      && afterIdentify(account.state()).size() == 5);

      JsonNode state = account.state();
      JsonNode rest = state.path("requests").path("rest");
      System.out.printf(
          "B6 (fast): %d live tracks all in the account while %d of %d identifies were; REST at most %d"
              + " in one second, %d answered 429; tightest six REST arrivals %s%n",
          TRACKS,
          identifiedWhenTracksWereIn,
          IDENTIFIES,
          rest.path("maxInOneSecond").asInt(),
          rest.path("throttled").asInt(),
          TwoInstancesDrillTest.tightest(account.arrivals(true)));
      assertThat(identifiedWhenTracksWereIn)
          .as("the live tracks did not wait for the backlog")
          .isLessThan(IDENTIFIES);
      assertThat(rest.path("maxInOneSecond").asInt())
          .as("REST requests in any one second")
          .isLessThanOrEqualTo(5);
      assertThat(rest.path("throttled").asInt()).as("REST requests answered 429").isZero();
      assertThat(afterIdentify(state))
          .as("each reached its user's contact, so its identify went first")
          .allSatisfy(email -> assertThat(email).startsWith("b6-new-"));
    } finally {
      account.stop();
      vertx.close();
    }
  }

  private static String identify(String userId, String email, boolean oneByOne) {
    return "{\"type\":\"identify\",\"userId\":\""
        + userId
        + "\",\"traits\":{\"email\":\""
        + email
        + "\",\"firstName\":\"B6\",\"lastName\":\""
        + userId
        + "\""
        + (oneByOne ? ",\"tags\":[\"b6\"],\"tagsReset\":1" : "")
        + "}}";
  }

  private static String batch(List<String> events) {
    return "{\"batch\":[" + String.join(",", events) + "]}";
  }

  private static int live(JsonNode state) {
    int count = 0;
    for (JsonNode event : state.path("tracking").path("events")) {
      count += event.path("event").asText().startsWith("live ") ? 1 : 0;
    }
    return count;
  }

  private static int newContacts(JsonNode state) {
    int count = 0;
    for (JsonNode contact : state.path("contacts")) {
      count +=
          contact.path("email").asText().startsWith("b6-new-") && contact.path("tags").size() == 1
              ? 1
              : 0;
    }
    return count;
  }

  /** The emails the tracks sent right behind an identify reached. */
  private static List<String> afterIdentify(JsonNode state) {
    List<String> emails = new ArrayList<>();
    for (JsonNode event : state.path("tracking").path("events")) {
      if (event.path("event").asText().startsWith("after identify ")) {
        emails.add(event.path("email").asText());
      }
    }
    return emails;
  }
}
