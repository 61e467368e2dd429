package io.acdest.adapters.activecampaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.activecampaign.sandbox.SandboxSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox over plain HTTP: ActiveCampaign's semantics, its rate limit, fault injection and its state. */
class SandboxTest {
  private static final String KEY = "sandbox-key";
  private final Vertx vertx = Vertx.vertx();
  private final ActiveCampaignSandbox sandbox =
      ActiveCampaignSandbox.start(vertx, SandboxSettings.withKey(KEY), 0);

  /** The same account without the 5 requests per second, for tests that set up many records. */
  private final ActiveCampaignSandbox fast =
      ActiveCampaignSandbox.start(
          vertx, new SandboxSettings(KEY, "1000", "sandbox-event-key", 10_000, true, true), 0);

  private final WebClient client = WebClient.create(vertx);
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void stop() {
    sandbox.stop();
    fast.stop();
    vertx.close();
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String body, String key)
      throws Exception {
    return call(sandbox, method, path, body, key);
  }

  private HttpResponse<Buffer> fast(HttpMethod method, String path, String body) throws Exception {
    return call(fast, method, path, body, KEY);
  }

  private HttpResponse<Buffer> call(
      ActiveCampaignSandbox account, HttpMethod method, String path, String body, String key)
      throws Exception {
    var request = client.requestAbs(method, account.baseUrl() + path);
    if (key != null) {
      request.putHeader("Api-Token", key);
    }
    var future =
        body == null
            ? request.send()
            : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void restCallsNeedTheApiKey() throws Exception {
    assertThat(call(HttpMethod.GET, "/api/3/tags", null, null).statusCode()).isEqualTo(403);
    assertThat(call(HttpMethod.GET, "/api/3/tags", null, "wrong").statusCode()).isEqualTo(403);
    assertThat(call(HttpMethod.GET, "/api/3/tags", null, KEY).statusCode()).isEqualTo(200);
  }

  @Test
  void tagsAreUniqueIgnoringCase() throws Exception {
    assertThat(
            call(
                    HttpMethod.POST,
                    "/api/3/tags",
                    "{\"tag\":{\"tag\":\"VIP\",\"tagType\":\"contact\"}}",
                    KEY)
                .statusCode())
        .isEqualTo(201);
    HttpResponse<Buffer> duplicate =
        call(HttpMethod.POST, "/api/3/tags", "{\"tag\":{\"tag\":\"vip\"}}", KEY);
    // what the real API answered in verbb/formie#1389: no "errors" array, and no lower-case
    // "duplicate"
    assertThat(duplicate.statusCode()).isEqualTo(422);
    assertThat(json.readTree(duplicate.bodyAsString()))
        .isEqualTo(
            json.readTree(
                "{\"message\":\"Could not process request\",\"error\":\"Duplicate entry 'contact-vip' for key 'typetag'\"}"));
  }

  @Test
  void tagSearchFindsNamesContainingTheTextIgnoringCaseExactMatchesFirstByWeight()
      throws Exception {
    for (String name :
        java.util.List.of("abandoned-cart", "Cart", "cart-abandoned", "newsletter", "CART VIP")) {
      fast(
          HttpMethod.POST,
          "/api/3/tags",
          "{\"tag\":{\"tag\":\"" + name + "\",\"tagType\":\"contact\"}}");
    }
    JsonNode contains =
        json.readTree(fast(HttpMethod.GET, "/api/3/tags?search=cart", null).bodyAsString());
    assertThat(contains.path("tags").findValuesAsText("tag"))
        .containsExactly("abandoned-cart", "Cart", "cart-abandoned", "CART VIP");
    JsonNode weighted =
        json.readTree(
            fast(HttpMethod.GET, "/api/3/tags?search=cart&orders%5Bsearch%5D=weight", null)
                .bodyAsString());
    assertThat(weighted.path("tags").findValuesAsText("tag"))
        .containsExactly("Cart", "cart-abandoned", "CART VIP", "abandoned-cart");
    assertThat(weighted.path("meta").path("total").asText()).isEqualTo("4");
  }

  @Test
  void aListReturnsTwentyUnlessALimitIsGiven() throws Exception {
    for (int i = 0; i < 30; i++) {
      fast(HttpMethod.POST, "/api/3/tags", "{\"tag\":{\"tag\":\"t" + i + "\"}}");
    }
    assertThat(json.readTree(fast(HttpMethod.GET, "/api/3/tags", null).bodyAsString()).path("tags"))
        .hasSize(20);
    assertThat(
            json.readTree(fast(HttpMethod.GET, "/api/3/tags?limit=100", null).bodyAsString())
                .path("tags"))
        .hasSize(30);
  }

  @Test
  void aDeletedContactAnswers404InThePublishedShapesWhereverItsIdIsUsed() throws Exception {
    JsonNode synced =
        json.readTree(
            fast(
                    HttpMethod.POST,
                    "/api/3/contact/sync",
                    "{\"contact\":{\"email\":\"gone@example.com\",\"firstName\":\"Gone\"}}")
                .bodyAsString());
    String id = synced.path("contact").path("id").asText();
    assertThat(fast(HttpMethod.DELETE, "/api/3/contacts/" + id, null).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> update =
        fast(
            HttpMethod.PUT, "/api/3/contacts/" + id, "{\"contact\":{\"email\":\"x@example.com\"}}");
    assertThat(update.statusCode()).isEqualTo(404);
    assertThat(json.readTree(update.bodyAsString()).path("message").asText())
        .isEqualTo("No Result found for Subscriber with id " + id);
    HttpResponse<Buffer> attach =
        fast(
            HttpMethod.POST,
            "/api/3/contactTags",
            "{\"contactTag\":{\"contact\":" + id + ",\"tag\":1}}");
    assertThat(attach.statusCode()).isEqualTo(404);
    assertThat(json.readTree(attach.bodyAsString()).path("errors").path(0).path("detail").asText())
        .isEqualTo("Contact not found");
    HttpResponse<Buffer> again = fast(HttpMethod.DELETE, "/api/3/contacts/" + id, null);
    assertThat(json.readTree(again.bodyAsString()).path("message").asText())
        .isEqualTo("No result found for contact with id " + id);
  }

  @Test
  void aDeletedFieldIsGoneFromTheCatalogueAndFromEveryContact() throws Exception {
    fast(
        HttpMethod.POST,
        "/api/3/contact/sync",
        "{\"contact\":{\"email\":\"f@example.com\",\"fieldValues\":[{\"field\":\"2\",\"value\":\"Ohio\"}]}}");
    assertThat(fast(HttpMethod.DELETE, "/api/3/fields/2", null).statusCode()).isEqualTo(200);
    JsonNode state = fast.state();
    assertThat(state.path("fields").findValuesAsText("perstag")).doesNotContain("STATE");
    assertThat(state.path("contacts").path(0).path("fields").has("STATE")).isFalse();
    assertThat(
            json.readTree(fast(HttpMethod.DELETE, "/api/3/fields/2", null).bodyAsString())
                .path("message")
                .asText())
        .isEqualTo("No Result found for Field with id 2");
  }

  @Test
  void moreThanFiveRequestsInASecondAreAnswered429WithRetryAfter() throws Exception {
    int throttled = 0;
    String retryAfter = null;
    for (int i = 0; i < 8; i++) {
      HttpResponse<Buffer> response = call(HttpMethod.GET, "/api/3/fields", null, KEY);
      if (response.statusCode() == 429) {
        throttled++;
        retryAfter = response.getHeader("Retry-After");
      }
    }
    assertThat(throttled).isGreaterThanOrEqualTo(3);
    assertThat(retryAfter).isEqualTo("1");
    JsonNode requests = sandbox.state().path("requests");
    assertThat(requests.path("throttled").asInt()).isEqualTo(throttled);
    assertThat(requests.path("rest").path("maxInOneSecond").asInt())
        .as("arrivals in one second, the throttled ones too")
        .isGreaterThan(5);
  }

  @Test
  void faultsCanBeInjectedOverHttpAndTheStateIsReadable() throws Exception {
    assertThat(
            call(
                    HttpMethod.POST,
                    "/sandbox/faults",
                    "{\"path\":\"/api/3/tags\",\"times\":2,\"status\":502}",
                    null)
                .statusCode())
        .isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/api/3/tags", null, KEY).statusCode()).isEqualTo(502);
    assertThat(call(HttpMethod.GET, "/api/3/tags", null, KEY).statusCode()).isEqualTo(502);
    assertThat(call(HttpMethod.GET, "/api/3/tags", null, KEY).statusCode()).isEqualTo(200);

    JsonNode state =
        json.readTree(call(HttpMethod.GET, "/sandbox/state", null, null).bodyAsString());
    assertThat(state.path("fields").findValuesAsText("perstag"))
        .contains("SHIRT_SIZE", "STATE", "MULTI_CHOICE");
    assertThat(state.path("tracking").path("siteTrackingEnabled").asBoolean()).isTrue();
    assertThat(state.toString()).doesNotContain(KEY);
  }

  @Test
  void eventsNeedTheAccountsEventKey() throws Exception {
    var form =
        io.vertx.core.MultiMap.caseInsensitiveMultiMap()
            .add("actid", "1000")
            .add("key", "wrong")
            .add("event", "Clicked")
            .add("visit", "{\"email\":\"a@example.com\"}");
    String body =
        client
            .requestAbs(HttpMethod.POST, sandbox.baseUrl() + "/event")
            .sendForm(form)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS)
            .bodyAsString();
    assertThat(json.readTree(body).path("success").asInt()).isZero();
    assertThat(sandbox.state().path("tracking").path("events")).isEmpty();
  }

  @Test
  void theRestApiAndTheTrackingHostCountTheirOwnRequests() throws Exception {
    ActiveCampaignSandbox both =
        ActiveCampaignSandbox.start(vertx, SandboxSettings.withKey(KEY).withTrackingLimit(3), 0);
    try {
      var form =
          io.vertx.core.MultiMap.caseInsensitiveMultiMap()
              .add("actid", "1000")
              .add("key", "sandbox-event-key")
              .add("event", "Clicked")
              .add("visit", "{\"email\":\"a@example.com\"}");
      int trackingThrottled = 0;
      for (int i = 0; i < 5; i++) {
        int status =
            client
                .requestAbs(HttpMethod.POST, both.baseUrl() + "/event")
                .sendForm(form)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .statusCode();
        trackingThrottled += status == 429 ? 1 : 0;
      }
      assertThat(trackingThrottled).as("the tracking host's own limit of 3").isEqualTo(2);
      for (int i = 0; i < 5; i++) {
        assertThat(call(both, HttpMethod.GET, "/api/3/fields", null, KEY).statusCode())
            .as("the REST API's budget is untouched by the tracking requests")
            .isEqualTo(200);
      }
      JsonNode requests = both.state().path("requests");
      assertThat(requests.path("tracking").path("maxInOneSecond").asInt()).isEqualTo(5);
      assertThat(requests.path("rest").path("maxInOneSecond").asInt()).isEqualTo(5);
      assertThat(requests.path("rest").path("throttled").asInt()).isZero();
    } finally {
      both.stop();
    }
  }
}
