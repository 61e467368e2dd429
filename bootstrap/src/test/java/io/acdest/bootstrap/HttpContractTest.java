package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.activecampaign.sandbox.SandboxFault;
import io.acdest.adapters.persistence.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The inbound contract of §2 over plain HTTP, against the running service. */
class HttpContractTest {
  private static final String SECRET = "webhook-shared-secret";
  private static RunningService service;

  @BeforeAll
  static void start() {
    service =
        new RunningService(
            TestDatabase.newDatabaseSettings(10), Map.of("SEGMENT_SHARED_SECRET", SECRET));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = service.read(response.body());
    assertThat(body.path("code").asText()).isEqualTo(code);
    assertThat(body.path("message").asText()).isNotBlank();
  }

  private static JsonNode jane() {
    for (JsonNode contact : service.sandbox().state().path("contacts")) {
      if (contact.path("email").asText().equals("jane.kim@example.com")) {
        return contact;
      }
    }
    return null;
  }

  @Test
  void anEventOver32KbIsRefused() {
    String big = "x".repeat(33 * 1024);
    assertError(
        service.post(
            "/v1/track",
            "{\"userId\":\"u1\",\"event\":\"Big\",\"properties\":{\"blob\":\"" + big + "\"}}"),
        400,
        "event_too_large");
  }

  @Test
  void aRequestOver500KbIsRefused() {
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < 40; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"properties\":{\"p\":\"")
          .append("y".repeat(15 * 1024))
          .append("\"}}");
    }
    assertError(service.post("/v1/batch", batch.append("]}").toString()), 400, "request_too_large");
  }

  @Test
  void moreThan2500EventsAreRefused() {
    String events = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\"},".repeat(2501);
    assertError(
        service.post("/v1/batch", "{\"batch\":[" + events.substring(0, events.length() - 1) + "]}"),
        400,
        "too_many_events");
  }

  @Test
  void bodiesThatAreNotJsonAreRefused() {
    assertError(service.post("/v1/identify", "{\"userId\": "), 400, "invalid_json");
    assertError(
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/identify"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", RunningService.basic(RunningService.WRITE_KEY))
                .POST(HttpRequest.BodyPublishers.ofString("userId=u"))
                .build()),
        400,
        "unsupported_content_type");
  }

  @Test
  void browsersTextPlainJsonOnTheShortPathsIsAccepted() {
    // what Segment's browser library sends: the type's first letter as the path, JSON as
    // text/plain, the key inside
    HttpResponse<String> track =
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/t"))
                .header("Content-Type", "text/plain")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"writeKey\":\""
                            + RunningService.WRITE_KEY
                            + "\",\"type\":\"track\",\"anonymousId\":\"a1\",\"event\":\"Viewed\",\"messageId\":\"short-t\"}"))
                .build());
    assertThat(track.statusCode()).isEqualTo(200);
    HttpResponse<String> batch =
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/b"))
                .header("Content-Type", "text/plain")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"writeKey\":\""
                            + RunningService.WRITE_KEY
                            + "\",\"batch\":["
                            + "{\"type\":\"page\",\"anonymousId\":\"a1\",\"messageId\":\"short-p\",\"properties\":{\"url\":"
                            + "\"https://shop.example/\"}}]}"))
                .build());
    assertThat(batch.statusCode()).isEqualTo(200);
    assertThat(service.stateOf("short-t")).isNotEmpty();
    assertThat(service.stateOf("short-p")).isNotEmpty();
  }

  @Test
  void anUnknownWriteKeyIsUnauthorizedAndTheBodyKeyWorks() {
    assertError(
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/track"))
                .header("Content-Type", "application/json")
                .header("Authorization", RunningService.basic("nope"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u\",\"event\":\"e\"}"))
                .build()),
        401,
        "unauthorized");
    HttpResponse<String> bodyKey =
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/track"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"writeKey\":\""
                            + RunningService.WRITE_KEY
                            + "\",\"userId\":\"u\",\"event\":\"e\",\"messageId\":\"body-key\"}"))
                .build());
    assertThat(bodyKey.statusCode()).isEqualTo(200);
    assertThat(service.stateOf("body-key")).isNotEmpty();
  }

  @Test
  void gzipBodiesAreAccepted() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(
          "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"messageId\":\"gz-1\"}]}"
              .getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> response =
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/batch"))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("Authorization", RunningService.basic(RunningService.WRITE_KEY))
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(service.stateOf("gz-1")).isNotEmpty();
  }

  @Test
  void invalidEventsAreListedAndStoredAsRejectedWithoutFailingTheRequest() {
    HttpResponse<String> response =
        service.post(
            "/v1/batch",
            """
        {"batch": [{"type": "track", "userId": "u", "messageId": "no-event"},
                   {"type": "track", "userId": "u", "event": "ok", "messageId": "fine"}]}""");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = service.read(response.body());
    assertThat(body.path("success").asBoolean()).isTrue();
    assertThat(body.path("accepted").asInt()).isEqualTo(1);
    assertThat(body.path("rejected").get(0).path("index").asInt()).isZero();
    assertThat(body.path("rejected").get(0).path("code").asText()).isEqualTo("missing_event");
    assertThat(service.stateOf("no-event")).isEqualTo("rejected");
  }

  @Test
  void strictModeRefusesTheWholeRequestAndStoresNothing() {
    HttpResponse<String> response =
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/batch"))
                .header("Content-Type", "application/json")
                .header("X-Strict-Mode", "1")
                .header("Authorization", RunningService.basic(RunningService.WRITE_KEY))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
            {"batch": [{"type": "track", "userId": "u", "event": "ok", "messageId": "strict-ok"},
                       {"type": "track", "userId": "u", "messageId": "strict-bad"}]}"""))
                .build());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(service.read(response.body()).path("rejected")).hasSize(1);
    assertThat(service.stateOf("strict-ok")).isEmpty();
  }

  @Test
  void aDuplicateMessageIdIsDeliveredOnce() {
    String track =
        "{\"userId\":\"dup-user\",\"event\":\"Once only\",\"messageId\":\"dup-1\","
            + "\"properties\":{\"email\":\"dup@example.com\"}}";
    assertThat(service.post("/v1/track", track).statusCode()).isEqualTo(200);
    JsonNode second = service.read(service.post("/v1/track", track).body());
    assertThat(second.path("duplicates").asInt()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> service.stateOf("dup-1").equals("delivered"));
    long delivered = 0;
    for (JsonNode event : service.sandbox().state().path("tracking").path("events")) {
      if (event.path("event").asText().equals("Once only")) {
        delivered++;
      }
    }
    assertThat(delivered).isEqualTo(1);
  }

  @Test
  void aCallFilteredByIntegrationsIsStoredAndNotDelivered() {
    assertThat(
            service
                .post(
                    "/v1/track",
                    "{\"userId\":\"f\",\"event\":\"Filtered\",\"messageId\":\"filtered-1\","
                        + "\"properties\":{\"email\":\"f@example.com\"},\"integrations\":{\"ActiveCampaign\":false}}")
                .statusCode())
        .isEqualTo(200);
    assertThat(service.stateOf("filtered-1")).isEqualTo("filtered");
    assertThat(service.sandbox().state().path("tracking").path("events").toString())
        .doesNotContain("Filtered");
  }

  @Test
  void aTrackWithoutEmailAfterAnIdentifyReachesTheSameContact() {
    assertThat(
            service
                .post(
                    "/v1/batch",
                    """
        {"batch": [
          {"type": "identify", "userId": "ze8rt1u89", "messageId": "j-1",
           "traits": {"firstName": "Jane", "lastName": "Kim", "email": "jane.kim@example.com"}},
          {"type": "track", "userId": "ze8rt1u89", "event": "After identify", "messageId": "j-2"}]}""")
                .statusCode())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> service.stateOf("j-2").equals("delivered"));
    JsonNode event = null;
    for (JsonNode e : service.sandbox().state().path("tracking").path("events")) {
      if (e.path("event").asText().equals("After identify")) {
        event = e;
      }
    }
    assertThat(event).isNotNull();
    assertThat(event.path("email").asText()).isEqualTo("jane.kim@example.com");
    assertThat(jane()).isNotNull();
  }

  @Test
  void webhooksNeedAValidSignature() throws Exception {
    String body =
        "{\"type\":\"track\",\"userId\":\"wh\",\"event\":\"From webhook\",\"messageId\":\"wh-1\"}";
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String signature =
        java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(service.url() + "/webhooks/segment"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    assertError(
        service.send(request.copy().header("X-Signature", "00" + signature.substring(2)).build()),
        401,
        "unauthorized");
    assertThat(service.send(request.header("X-Signature", signature).build()).statusCode())
        .isEqualTo(200);
    assertThat(service.stateOf("wh-1")).isNotEmpty();
  }

  @Test
  void aDeadMessageIsShownWithItsAttemptsAndRetriedThroughTheAdminApi() {
    service
        .sandbox()
        .inject(
            SandboxFault.body(
                "/api/3/contact/sync",
                1,
                422,
                "application/json",
                "{\"errors\":[{\"title\":\"Contact Email Address is not valid.\",\"code\":\"email_invalid\"}]}"));
    assertThat(
            service
                .post(
                    "/v1/identify",
                    "{\"userId\":\"dead-1\",\"messageId\":\"dead-1\","
                        + "\"traits\":{\"firstName\":\"Dee\",\"email\":\"dee@example.com\"}}")
                .statusCode())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> service.stateOf("dead-1").equals("dead"));

    JsonNode dead = service.admin("/admin/messages/dead-1").path("messages").get(0);
    assertThat(dead.path("reason").asText()).contains("422 Contact Email Address is not valid.");
    assertThat(dead.path("attempts").findValuesAsText("endpoint")).contains("contact.sync");
    assertThat(service.admin("/admin/messages?state=dead").path("messages").toString())
        .contains("dead-1");

    HttpResponse<String> retried =
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/admin/messages/dead-1/retry"))
                .header("Authorization", "Bearer " + RunningService.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(service.read(retried.body()).path("retried").asInt()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> service.stateOf("dead-1").equals("delivered"));
  }

  @Test
  void operationsEndpointsAnswer() {
    assertThat(
            service
                .send(HttpRequest.newBuilder(URI.create(service.url() + "/health/live")).build())
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> ready =
        service.send(HttpRequest.newBuilder(URI.create(service.url() + "/health/ready")).build());
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(service.read(ready.body()).path("checks").path("database").asText()).isEqualTo("ok");
    service.post("/v1/track", "{\"userId\":\"m\",\"event\":\"Metered\"}");
    String metrics =
        service.send(HttpRequest.newBuilder(URI.create(service.url() + "/metrics")).build()).body();
    assertThat(metrics)
        .contains("acdest_calls_received_total{type=\"track\"}")
        .contains("acdest_queue_pending_jobs")
        .contains("acdest_calls_total{result=\"accepted\",type=\"track\"}");
    assertThat(
            service
                .send(
                    HttpRequest.newBuilder(URI.create(service.url() + "/admin/messages?state=dead"))
                        .build())
                .statusCode())
        .as("no admin without the token")
        .isEqualTo(401);
    assertThat(service.admin("/admin/messages?state=nonsense").path("code").asText())
        .isEqualTo("invalid_field");
  }
}
