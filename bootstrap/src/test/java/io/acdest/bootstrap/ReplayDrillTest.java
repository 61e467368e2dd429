package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 26's drill: the real jar in its own JVM on its embedded default. {@value #PEOPLE} people send five calls each
 * (an identify with a tag and a trait no custom field takes yet, then four tracks): five calls each (5,000 with -Ddrill.replayPeople=1000) delivered to
 * an ActiveCampaign destination. Two Mailchimp destinations are then added to the destinations file and the day is
 * replayed to each: to the first with a {@code kill -9} half-way and a restart, to the second cancelled half-way and
 * replayed again. Every member, tag and event arrives, in each person's order, none twice (except, at the kill, the
 * requests that were in flight, as drill D1 allows); the identifies left {@code unmapped} deliver their values once
 * the field exists and they are replayed.
 */
class ReplayDrillTest {
  private static final int PEOPLE = Integer.getInteger("drill.replayPeople", 200);
  private static final String WRITE_KEY = "drill-replay-web-key-5c2a";
  private static final String OTHER_AUDIENCE = MailchimpSandboxSettings.OTHER_AUDIENCES.getFirst();
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

  @Test
  void aDayReplayedToNewDestinationsArrivesWholeInOrderAndOnce() throws Exception {
    ActiveCampaignSandbox account = RunningService.fastAccount(vertx);
    MailchimpSandbox mailchimp =
        MailchimpSandbox.start(vertx, MailchimpSandboxSettings.withKey("drill-mc-key-77-us21"), 0);
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "replay");
    Path file = dir.resolve("destinations.json");
    Files.writeString(file, destinations(account, mailchimp, false));
    service =
        new ServiceProcess(
                "replay-drill", Optional.empty(), dir.resolve("data"), account, 200, 4, 10)
            .without("WRITE_KEYS")
            .withoutPrefix("ACTIVECAMPAIGN_")
            .with("DESTINATIONS_FILE", file.toString())
            .with("WEB_WRITE_KEY", WRITE_KEY)
            .with("AC_KEY", account.settings().apiKey())
            .with("AC_EVENT_KEY", account.settings().eventKey())
            .with("MC_KEY", mailchimp.settings().apiKey())
            .with("ADMIN_TOKEN", RunningService.ADMIN_TOKEN);
    service.start();
    Instant from = Instant.now().minusSeconds(1);
    for (int first = 0; first < PEOPLE; first += 20) {
      StringBuilder batch = new StringBuilder("{\"batch\": [");
      for (int p = first; p < Math.min(PEOPLE, first + 20); p++) {
        batch.append(p == first ? "" : ",").append(calls(p));
      }
      send(batch.append("]}").toString());
    }
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> destination("ac-shop").path("pending").asLong() == 0);
    Instant to = Instant.now().plusSeconds(1);
    assertThat(account.state().path("contacts").size())
        .as(admin("GET", "/admin/messages/identify-0", null, 200).toString())
        .isEqualTo(PEOPLE);

    // two Mailchimp destinations join; the field the identifies' trait needs is made in the account
    // (a running service sees a new field within a minute: FieldCatalogue.REFRESH_ON_MISS; this one
    // starts afresh)
    service.stop();
    account.createFields("loyalty", 1);
    Files.writeString(file, destinations(account, mailchimp, true));
    service.start();

    JsonNode started = admin("POST", "/admin/replays", replay("mc-news", from, to, ""), 201);
    assertThat(started.path("total").asLong()).isEqualTo(5L * PEOPLE);
    assertThat(started.path("plan").path("types").path(0).path("send").asLong()).isEqualTo(PEOPLE);
    assertThat(started.path("plan").path("types").path(1).path("send").asLong())
        .isEqualTo(4L * PEOPLE);
    long news = started.path("id").asLong();
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> replay(news).path("done").asLong() >= 5L * PEOPLE / 3);
    service.killNine();
    service.start();
    await()
        .atMost(Duration.ofMinutes(5))
        .until(() -> replay(news).path("state").asText().equals("done"));
    Map<String, List<String>> newsEvents = events(mailchimp, MailchimpSandboxSettings.AUDIENCE);
    assertThat(newsEvents).hasSize(PEOPLE);
    int duplicates = 0;
    for (int p = 0; p < PEOPLE; p++) {
      List<String> got = newsEvents.get(email(p));
      assertThat(got).as(email(p)).containsSubsequence("step_1", "step_2", "step_3", "step_4");
      assertThat(got.stream().distinct()).hasSize(4);
      duplicates += got.size() - 4;
    }
    assertThat(duplicates)
        .as("only requests in flight at the kill may arrive twice")
        .isLessThanOrEqualTo(8);
    assertThat(tags(mailchimp, MailchimpSandboxSettings.AUDIENCE, email(0)))
        .contains("replay-drill");

    // a replay cancelled half-way sends nothing twice, and a second one finishes the work
    long two =
        admin("POST", "/admin/replays", replay("mc-two", from, to, ""), 201).path("id").asLong();
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> replay(two).path("done").asLong() >= 2L * PEOPLE);
    JsonNode cancelled = admin("POST", "/admin/replays/" + two + "/cancel", null, 200);
    assertThat(cancelled.path("state").asText()).isEqualTo("cancelled");
    admin("POST", "/admin/replays/" + two + "/resume", null, 409);
    long again =
        admin("POST", "/admin/replays", replay("mc-two", from, to, ""), 201).path("id").asLong();
    await()
        .atMost(Duration.ofMinutes(5))
        .until(() -> replay(again).path("state").asText().equals("done"));
    Map<String, List<String>> twoEvents = events(mailchimp, OTHER_AUDIENCE);
    for (int p = 0; p < PEOPLE; p++) {
      assertThat(twoEvents.get(email(p)))
          .as(email(p))
          .containsExactly("step_1", "step_2", "step_3", "step_4");
    }

    // the identifies whose trait no field took are redone now that the field exists
    JsonNode redo =
        admin(
            "POST",
            "/admin/replays",
            replay("ac-shop", from, to, ", \"types\": [\"identify\"], \"states\": [\"unmapped\"]"),
            201);
    assertThat(redo.path("total").asLong()).isEqualTo(PEOPLE);
    long redone = redo.path("id").asLong();
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> replay(redone).path("state").asText().equals("done"));
    for (JsonNode contact : account.state().path("contacts")) {
      assertThat(contact.path("fields").path("LOYALTY_0").asText())
          .as(contact.toString())
          .startsWith("gold-");
    }
    JsonNode history =
        admin("GET", "/admin/messages/identify-7", null, 200)
            .path("messages")
            .path(0)
            .path("deliveries");
    assertThat(history.toString()).contains("\"replay\":" + redone).contains("\"replay\":" + news);
  }

  private static String email(int person) {
    return "replay" + person + "@example.com";
  }

  private static String calls(int person) {
    StringBuilder calls =
        new StringBuilder(
            """
            {"type": "identify", "messageId": "identify-%d", "userId": "person-%d",
             "traits": {"email": "%s", "firstName": "Replay", "lastName": "Person",
              "tags": ["replay-drill"], "loyalty_0": "gold-%d"}}"""
                .formatted(person, person, email(person), person));
    for (int step = 1; step <= 4; step++) {
      calls.append(
          """
          ,{"type": "track", "messageId": "track-%d-%d", "userId": "person-%d", "event": "step_%d",
            "properties": {"email": "%s"}}"""
              .formatted(person, step, person, step, email(person)));
    }
    return calls.toString();
  }

  private static String replay(String destination, Instant from, Instant to, String more) {
    return "{\"destination\": \"%s\", \"from\": \"%s\", \"to\": \"%s\"%s}"
        .formatted(destination, from, to, more);
  }

  private static String destinations(
      ActiveCampaignSandbox account, MailchimpSandbox mailchimp, boolean withMailchimp) {
    String mc =
        """
        ,{"id": "mc-news", "kind": "mailchimp", "sources": ["web"],
          "settings": {"apiKey": {"env": "MC_KEY"}, "apiUrl": "%s", "audienceId": "%s"}},
         {"id": "mc-two", "kind": "mailchimp", "sources": ["web"],
          "settings": {"apiKey": {"env": "MC_KEY"}, "apiUrl": "%s", "audienceId": "%s"}}"""
            .formatted(
                mailchimp.apiUrl(),
                MailchimpSandboxSettings.AUDIENCE,
                mailchimp.apiUrl(),
                OTHER_AUDIENCE);
    return """
        {"sources": [{"id": "web", "writeKey": {"env": "WEB_WRITE_KEY"}}],
         "destinations": [
           {"id": "ac-shop", "kind": "activecampaign", "sources": ["web"],
            "settings": {"apiUrl": "%s", "trackingUrl": "%s", "apiKey": {"env": "AC_KEY"},
                         "accountId": "%s", "eventKey": {"env": "AC_EVENT_KEY"}, "rateLimit": 100,
                         "trackingRateLimit": 100}}%s]}"""
        .formatted(
            account.baseUrl(),
            account.baseUrl(),
            account.settings().accountId(),
            withMailchimp ? mc : "");
  }

  /** Each member's events, by email, in the order they arrived. */
  private static Map<String, List<String>> events(MailchimpSandbox mailchimp, String audience) {
    Map<String, List<String>> events = new HashMap<>();
    for (JsonNode member : mailchimp.state().path("audiences").path(audience).path("members")) {
      List<String> names = new ArrayList<>();
      member.path("events").forEach(event -> names.add(event.path("name").asText()));
      events.put(member.path("email_address").asText(), names);
    }
    return events;
  }

  private static List<String> tags(MailchimpSandbox mailchimp, String audience, String email) {
    List<String> tags = new ArrayList<>();
    for (JsonNode member : mailchimp.state().path("audiences").path(audience).path("members")) {
      if (member.path("email_address").asText().equals(email)) {
        member.path("tags").forEach(tag -> tags.add(tag.asText()));
      }
    }
    return tags;
  }

  private JsonNode replay(long id) throws Exception {
    return admin("GET", "/admin/replays/" + id, null, 200);
  }

  private JsonNode destination(String id) throws Exception {
    for (JsonNode destination :
        admin("GET", "/admin/destinations", null, 200).path("destinations")) {
      if (destination.path("id").asText().equals(id)) {
        return destination;
      }
    }
    throw new AssertionError("no destination " + id);
  }

  private void send(String body) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/batch"))
                .header("Content-Type", "application/json")
                .header("Authorization", RunningService.basic(WRITE_KEY))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  private JsonNode admin(String method, String path, String body, int status) throws Exception {
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
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(status);
    return JSON.readTree(answer.body());
  }
}
