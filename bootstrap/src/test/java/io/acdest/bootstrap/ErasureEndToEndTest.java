package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.activecampaign.sandbox.SandboxFault;
import io.acdest.adapters.persistence.StoredTraces;
import io.acdest.adapters.persistence.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A person with messages in every state and a contact in the sandbox is erased through the admin API: afterwards no
 * table or column of the service's database and nothing in the sandbox holds their email or ids; their later calls
 * are stored filtered without content until the suppression is lifted; the API refuses an erasure without the token.
 */
class ErasureEndToEndTest {
  private static final String EMAIL = "jane.erase@example.com";
  private static final String USER = "user-erase-5d1";
  private static final String ANONYMOUS = "anon-erase-7c2";
  private final RunningService service =
      new RunningService(TestDatabase.newDatabaseSettings(10), Map.of());

  @AfterEach
  void stop() {
    service.close();
  }

  private HttpResponse<String> admin(String method, String path, String body, boolean withToken) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(service.url() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (withToken) {
      request.header("Authorization", "Bearer " + RunningService.ADMIN_TOKEN);
    }
    return service.send(request.build());
  }

  private void awaitState(String messageId, String state) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(service.stateOf(messageId)).isEqualTo(state));
  }

  private List<String> tracesOf(String needle) throws Exception {
    return StoredTraces.of(service.launcher.injector().getInstance(DataSource.class), needle);
  }

  @Test
  void aPersonIsErasedFromTheStoreAndTheCrmAndTheirLaterCallsAreKeptOut() throws Exception {
    service.post(
        "/v1/identify",
        "{\"userId\":\""
            + USER
            + "\",\"anonymousId\":\""
            + ANONYMOUS
            + "\","
            + "\"messageId\":\"e-identify\",\"traits\":{\"firstName\":\"Jane\",\"lastName\":\"Erase\",\"email\":\""
            + EMAIL
            + "\"}}");
    awaitState("e-identify", "delivered");
    service.post(
        "/v1/page",
        "{\"anonymousId\":\""
            + ANONYMOUS
            + "\",\"messageId\":\"e-page\","
            + "\"properties\":{\"url\":\"https://shop.example.com/\"}}");
    awaitState("e-page", "delivered");
    service.post(
        "/v1/track",
        "{\"userId\":\"" + USER + "\",\"messageId\":\"e-rejected\",\"properties\":{}}");
    service.post(
        "/v1/screen",
        "{\"userId\":\"" + USER + "\",\"messageId\":\"e-ignored\",\"name\":\"Home\"}");
    service.post(
        "/v1/track",
        "{\"userId\":\""
            + USER
            + "\",\"messageId\":\"e-filtered\",\"event\":\"Joined\","
            + "\"integrations\":{\"ActiveCampaign\":false}}");
    service
        .sandbox()
        .inject(
            SandboxFault.body(
                "/event", 1, 400, "application/json", "{\"success\":0,\"message\":\"bad event\"}"));
    service.post(
        "/v1/track",
        "{\"userId\":\"" + USER + "\",\"messageId\":\"e-track\",\"event\":\"Joined\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !service.stateOf("e-track").equals("accepted"));
    // a delivery that cannot go out yet: the tracking host is down for a while
    service.sandbox().inject(SandboxFault.outage("/event", 503, Duration.ofMinutes(5)));
    service.post(
        "/v1/track",
        "{\"userId\":\"" + USER + "\",\"messageId\":\"e-pending\",\"event\":\"Joined\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                service
                        .admin("/admin/messages/e-pending")
                        .path("messages")
                        .path(0)
                        .path("attempts")
                        .size()
                    > 0);
    assertThat(service.stateOf("e-rejected")).isEqualTo("rejected");
    assertThat(service.stateOf("e-ignored")).isEqualTo("ignored");
    assertThat(service.stateOf("e-filtered")).isEqualTo("filtered");
    assertThat(tracesOf(EMAIL)).isNotEmpty();
    assertThat(service.sandbox().state().toString()).contains(EMAIL);

    assertThat(
            admin("POST", "/admin/erasures", "{\"email\":\"" + EMAIL + "\"}", false).statusCode())
        .isEqualTo(401);
    assertThat(admin("POST", "/admin/erasures", "{\"crm\":true}", true).body()).contains("userId");

    HttpResponse<String> erased =
        admin(
            "POST",
            "/admin/erasures",
            "{\"email\":\"" + EMAIL.toUpperCase() + "\",\"crm\":true,\"suppress\":true}",
            true);
    assertThat(erased.statusCode()).isEqualTo(200);
    JsonNode erasure = service.read(erased.body());
    assertThat(erasure.path("messages").asLong()).isEqualTo(7);
    assertThat(erasure.path("crm").asText()).isEqualTo("deleted 1 contact in the CRM");
    assertThat(erased.body()).doesNotContain(EMAIL, USER, ANONYMOUS);

    for (String needle : List.of(EMAIL, USER, ANONYMOUS)) {
      assertThat(tracesOf(needle)).as("traces of %s in the database", needle).isEmpty();
    }
    assertThat(service.sandbox().state().toString()).doesNotContain(EMAIL);
    assertThat(service.read(admin("GET", "/admin/erasures", null, true).body()).path("erasures"))
        .anySatisfy(
            logged ->
                assertThat(logged.path("id").asText()).isEqualTo(erasure.path("id").asText()));

    service.post(
        "/v1/identify",
        "{\"userId\":\""
            + USER
            + "\",\"messageId\":\"e-later\",\"traits\":{\"firstName\":"
            + "\"Jane\",\"email\":\""
            + EMAIL
            + "\"}}");
    awaitState("e-later", "filtered");
    assertThat(tracesOf(EMAIL)).isEmpty();
    assertThat(tracesOf(USER)).isEmpty();

    String suppression = erasure.path("suppressionId").asText();
    assertThat(admin("DELETE", "/admin/suppressions/" + suppression, null, true).statusCode())
        .isEqualTo(200);
    service.post(
        "/v1/identify",
        "{\"userId\":\""
            + USER
            + "\",\"messageId\":\"e-after\",\"traits\":{\"firstName\":"
            + "\"Jane\",\"email\":\""
            + EMAIL
            + "\"}}");
    awaitState("e-after", "delivered");
  }
}
