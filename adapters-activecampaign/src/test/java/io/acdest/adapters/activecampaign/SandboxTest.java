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
  private final ActiveCampaignSandbox sandbox = ActiveCampaignSandbox.start(vertx, SandboxSettings.withKey(KEY), 0);
  private final WebClient client = WebClient.create(vertx);
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void stop() {
    sandbox.stop();
    vertx.close();
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String body, String key) throws Exception {
    var request = client.requestAbs(method, sandbox.baseUrl() + path);
    if (key != null) {
      request.putHeader("Api-Token", key);
    }
    var future = body == null ? request.send() : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
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
    assertThat(call(HttpMethod.POST, "/api/3/tags", "{\"tag\":{\"tag\":\"VIP\",\"tagType\":\"contact\"}}", KEY).statusCode())
        .isEqualTo(201);
    HttpResponse<Buffer> duplicate = call(HttpMethod.POST, "/api/3/tags", "{\"tag\":{\"tag\":\"vip\"}}", KEY);
    assertThat(duplicate.statusCode()).isEqualTo(422);
    assertThat(duplicate.bodyAsString()).contains("duplicate");
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
    assertThat(requests.path("maxInOneSecond").asInt()).as("arrivals in one second, the throttled ones too")
        .isGreaterThan(5);
  }

  @Test
  void faultsCanBeInjectedOverHttpAndTheStateIsReadable() throws Exception {
    assertThat(call(HttpMethod.POST, "/sandbox/faults", "{\"path\":\"/api/3/tags\",\"times\":2,\"status\":502}", null)
        .statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/api/3/tags", null, KEY).statusCode()).isEqualTo(502);
    assertThat(call(HttpMethod.GET, "/api/3/tags", null, KEY).statusCode()).isEqualTo(502);
    assertThat(call(HttpMethod.GET, "/api/3/tags", null, KEY).statusCode()).isEqualTo(200);

    JsonNode state = json.readTree(call(HttpMethod.GET, "/sandbox/state", null, null).bodyAsString());
    assertThat(state.path("fields").findValuesAsText("perstag")).contains("SHIRT_SIZE", "STATE", "MULTI_CHOICE");
    assertThat(state.path("tracking").path("siteTrackingEnabled").asBoolean()).isTrue();
    assertThat(state.toString()).doesNotContain(KEY);
  }

  @Test
  void eventsNeedTheAccountsEventKey() throws Exception {
    var form = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("actid", "1000").add("key", "wrong")
        .add("event", "Clicked").add("visit", "{\"email\":\"a@example.com\"}");
    String body = client.requestAbs(HttpMethod.POST, sandbox.baseUrl() + "/event").sendForm(form)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).bodyAsString();
    assertThat(json.readTree(body).path("success").asInt()).isZero();
    assertThat(sandbox.state().path("tracking").path("events")).isEmpty();
  }
}
