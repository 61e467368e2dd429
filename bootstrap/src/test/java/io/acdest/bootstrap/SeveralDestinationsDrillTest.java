package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.activecampaign.sandbox.SandboxFault;
import io.acdest.adapters.activecampaign.sandbox.SandboxSettings;
import io.acdest.adapters.mailchimp.sandbox.MailchimpSandbox;
import io.acdest.adapters.mailchimp.sandbox.MailchimpSandboxSettings;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 25's drill: the service as its own JVM on its embedded default, started from a destinations file with three
 * CRM doubles (two ActiveCampaign accounts, one Mailchimp audience, each a sandbox of its own with its own keys) and
 * two sources: {@code shop} feeds ActiveCampaign account 1 and Mailchimp, {@code app} feeds account 2 through two
 * destinations at once. Every call reaches where it is routed and nowhere else; account 1 refusing its key (401)
 * pauses only account 1; account 2 never sees more than 5 requests in a second though two destinations write it; an
 * erasure reaches every destination; a {@code kill -9} loses nothing.
 */
class SeveralDestinationsDrillTest {
  private static final String SHOP_KEY = "drill-shop-source-key-6e1f";
  private static final String APP_KEY = "drill-app-source-key-90ab";
  private static final int PEOPLE = 12;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newHttpClient();
  private ServiceProcess service;

  @AfterEach
  void stop() throws InterruptedException {
    if (service != null) {
      service.stop();
    }
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static ActiveCampaignSandbox account(Vertx vertx, String key, String id) {
    return ActiveCampaignSandbox.start(
        vertx, new SandboxSettings(key, id, key + "-events", 5, 5, true, true), 0);
  }

  private static String activeCampaign(
      String id, String source, ActiveCampaignSandbox account, String keyVariable) {
    return """
        {"id": "%s", "kind": "activecampaign", "sources": ["%s"],
         "settings": {"apiUrl": "%s", "trackingUrl": "%s", "apiKey": {"env": "%s"},
                      "accountId": "%s", "eventKey": {"env": "%s_EVENTS"}, "rateLimit": 5,
                      "trackingRateLimit": 5}}"""
        .formatted(
            id,
            source,
            account.baseUrl(),
            account.baseUrl(),
            keyVariable,
            account.settings().accountId(),
            keyVariable);
  }

  @Test
  void eachCallReachesWhereItIsRoutedAndOneAccountsTroubleStaysItsOwn() throws Exception {
    ActiveCampaignSandbox account1 = account(vertx, "drill-ac-one-key-11", "2001");
    ActiveCampaignSandbox account2 = account(vertx, "drill-ac-two-key-22", "2002");
    MailchimpSandbox audience =
        MailchimpSandbox.start(vertx, MailchimpSandboxSettings.withKey("drill-mc-key-33-us21"), 0);
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "several");
    Path file = dir.resolve("destinations.json");
    Files.writeString(
        file,
        """
        {"sources": [{"id": "shop", "writeKey": {"env": "SHOP_WRITE_KEY"}},
                     {"id": "app", "writeKey": {"env": "APP_WRITE_KEY"}}],
         "destinations": [%s, %s, %s,
           {"id": "mc-news", "kind": "mailchimp", "sources": ["shop"],
            "settings": {"apiKey": {"env": "MC_KEY"}, "apiUrl": "%s",
                         "audienceId": "%s"}}]}
        """
            .formatted(
                activeCampaign("ac-one", "shop", account1, "AC_ONE_KEY"),
                activeCampaign("ac-two", "app", account2, "AC_TWO_KEY"),
                activeCampaign("ac-two-copy", "app", account2, "AC_TWO_KEY"),
                audience.apiUrl(),
                MailchimpSandboxSettings.AUDIENCE));
    service =
        new ServiceProcess(
                "several-destinations", Optional.empty(), dir.resolve("data"), account1, 5, 2, 10)
            .without("WRITE_KEYS")
            .withoutPrefix("ACTIVECAMPAIGN_")
            .with("DESTINATIONS_FILE", file.toString())
            .with("SHOP_WRITE_KEY", SHOP_KEY)
            .with("APP_WRITE_KEY", APP_KEY)
            .with("AC_ONE_KEY", account1.settings().apiKey())
            .with("AC_ONE_KEY_EVENTS", account1.settings().eventKey())
            .with("AC_TWO_KEY", account2.settings().apiKey())
            .with("AC_TWO_KEY_EVENTS", account2.settings().eventKey())
            .with("MC_KEY", audience.settings().apiKey())
            .with("ADMIN_TOKEN", RunningService.ADMIN_TOKEN);
    // account 1 refuses its key from the start: its deliveries pause, nobody else's
    account1.inject(SandboxFault.outage("/api/3", 401, Duration.ofMinutes(30)));
    service.start();

    for (int i = 0; i < PEOPLE; i++) {
      send(SHOP_KEY, identify("shop-" + i, "shop" + i + "@example.com"));
      send(APP_KEY, identify("app-" + i, "app" + i + "@example.com"));
    }

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              String members = audience.state().toString();
              String contacts2 = account2.state().path("contacts").toString();
              for (int i = 0; i < PEOPLE; i++) {
                assertThat(members).contains("shop" + i + "@example.com");
                assertThat(contacts2).contains("app" + i + "@example.com");
              }
            });
    assertThat(audience.state().toString()).as("app feeds no Mailchimp").doesNotContain("app0@");
    assertThat(account2.state().path("contacts").toString()).doesNotContain("shop0@");
    assertThat(account1.state().path("contacts").toString())
        .as("account 1 refuses its key: nothing reached it")
        .doesNotContain("@example.com");

    JsonNode shop0 = admin("GET", "/admin/messages/shop-0-id", null).path("messages").path(0);
    assertThat(shop0.path("state").asText()).isEqualTo("accepted");
    assertThat(deliveryStates(shop0)).containsExactly("ac-one=pending", "mc-news=delivered");
    JsonNode app0 = admin("GET", "/admin/messages/app-0-id", null).path("messages").path(0);
    assertThat(app0.path("state").asText()).isEqualTo("delivered");
    assertThat(deliveryStates(app0)).containsExactly("ac-two=delivered", "ac-two-copy=delivered");
    assertThat(ready().body()).contains("destination ac-one paused");
    JsonNode destinations = admin("GET", "/admin/destinations", null).path("destinations");
    assertThat(destinations.findValuesAsText("id"))
        .containsExactly("ac-one", "ac-two", "ac-two-copy", "mc-news");
    assertThat(destinations.path(0).path("state").asText()).isEqualTo("paused");
    assertThat(destinations.path(0).path("pausedBecause").asText()).contains("401");
    assertThat(destinations.path(0).path("pending").asLong()).isEqualTo(PEOPLE);
    assertThat(destinations.path(0).path("account").asText())
        .contains("#2001")
        .doesNotContain(account1.settings().apiKey());
    assertThat(destinations.path(3).path("state").asText()).isEqualTo("delivering");
    assertThat(destinations.path(3).path("deliveredLastHour").asLong()).isEqualTo(PEOPLE);

    assertThat(mostInOneSecond(account2.arrivals(true)))
        .as("two destinations write account 2: together at most its 5 requests a second")
        .isLessThanOrEqualTo(5);

    // kill -9 with calls just accepted: nothing is lost
    for (int i = PEOPLE; i < 2 * PEOPLE; i++) {
      send(APP_KEY, identify("app-" + i, "app" + i + "@example.com"));
    }
    service.killNine();
    service.start();
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              String contacts2 = account2.state().path("contacts").toString();
              for (int i = PEOPLE; i < 2 * PEOPLE; i++) {
                assertThat(contacts2).contains("app" + i + "@example.com");
              }
            });

    // account 1 takes its key again: its paused deliveries go through
    account1.clearFaults();
    await()
        .atMost(Duration.ofSeconds(150))
        .untilAsserted(
            () -> {
              String contacts1 = account1.state().path("contacts").toString();
              for (int i = 0; i < PEOPLE; i++) {
                assertThat(contacts1).contains("shop" + i + "@example.com");
              }
            });
    assertThat(mostInOneSecond(account2.arrivals(true))).isLessThanOrEqualTo(5);

    JsonNode erasure =
        JSON.readTree(
            admin("POST", "/admin/erasures", "{\"email\":\"shop1@example.com\",\"crm\":true}")
                .toString());
    assertThat(erasure.path("crm").asText())
        .contains("ac-one: deleted 1 contact in the CRM")
        .contains("mc-news: deleted 1 contact in the CRM")
        .contains("ac-two: no contact in the CRM");
    assertThat(account1.state().path("contacts").toString()).doesNotContain("shop1@example.com");
  }

  private static List<String> deliveryStates(JsonNode message) {
    List<String> states = new ArrayList<>();
    message
        .path("deliveries")
        .forEach(d -> states.add(d.path("destination").asText() + "=" + d.path("state").asText()));
    return states;
  }

  private static int mostInOneSecond(List<Long> arrivals) {
    List<Long> sorted = arrivals.stream().sorted().toList();
    int most = 0;
    for (int i = 0, j = 0; i < sorted.size(); i++) {
      while (sorted.get(i) - sorted.get(j) >= 1_000) {
        j++;
      }
      most = Math.max(most, i - j + 1);
    }
    return most;
  }

  private static String identify(String userId, String email) {
    return """
        {"type": "identify", "messageId": "%s-id", "userId": "%s",
         "traits": {"email": "%s", "firstName": "Drill", "lastName": "Person"}}"""
        .formatted(userId, userId, email);
  }

  private void send(String writeKey, String body) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/identify"))
                .header("Content-Type", "application/json")
                .header("Authorization", RunningService.basic(writeKey))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  private HttpResponse<String> ready() throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(service.url() + "/health/ready")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode admin(String method, String path, String body) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(service.url() + path))
                .header("Authorization", "Bearer " + RunningService.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isBetween(200, 299);
    return JSON.readTree(answer.body());
  }
}
