package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.persistence.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service started from a destinations file: its sources' write keys are the ones that may send, a call is
 * stored under its source's id, and it reaches the destination the file names (here the built-in sandbox: the
 * destination names no API URL).
 */
class DestinationsEndToEndTest {
  private static final String BACKEND_KEY = "e2e-backend-key-0a9d31";

  @TempDir Path dir;
  private RunningService service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void aSourcesCallIsStoredUnderItsNameAndDeliveredToTheFilesDestination() throws IOException {
    Path file = dir.resolve("destinations.json");
    Files.writeString(
        file,
        """
        {"sources": [{"id": "web", "writeKey": {"env": "WEB_WRITE_KEY"}, "holder": "server"},
                     {"id": "backend", "writeKey": {"env": "BACKEND_WRITE_KEY"}}],
         "destinations": [
           {"id": "ac-sandbox", "kind": "activecampaign", "sources": ["web", "backend"],
            "settings": {"rateLimit": 50, "trackingRateLimit": 50}}]}
        """);
    service =
        new RunningService(
            TestDatabase.newDatabaseSettings(4),
            Map.of(
                "DESTINATIONS_FILE",
                file.toString(),
                "WEB_WRITE_KEY",
                RunningService.WRITE_KEY,
                "BACKEND_WRITE_KEY",
                BACKEND_KEY));

    assertThat(
            service
                .post(
                    "/v1/identify",
                    "{\"messageId\":\"dest-e2e-1\",\"userId\":\"u-1\",\"traits\":{\"email\":\"ann@example.com\",\"firstName\":\"Ann\"}}")
                .statusCode())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(service.stateOf("dest-e2e-1")).isEqualTo("delivered"));
    JsonNode stored = service.admin("/admin/messages/dest-e2e-1").path("messages").path(0);
    assertThat(stored.path("source").asText()).isEqualTo("web");
    assertThat(service.sandbox().state().path("contacts").toString()).contains("ann@example.com");

    int unknown =
        service
            .send(
                HttpRequest.newBuilder(URI.create(service.url() + "/v1/identify"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", RunningService.basic("not-a-source-key"))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"messageId\":\"dest-e2e-2\",\"userId\":\"u-2\"}"))
                    .build())
            .statusCode();
    assertThat(unknown).isEqualTo(401);
    int backend =
        service
            .send(
                HttpRequest.newBuilder(URI.create(service.url() + "/v1/identify"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", RunningService.basic(BACKEND_KEY))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"messageId\":\"dest-e2e-3\",\"userId\":\"u-3\",\"traits\":{\"email\":\"bo@example.com\",\"firstName\":\"Bo\"}}"))
                    .build())
            .statusCode();
    assertThat(backend).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(service.stateOf("dest-e2e-3")).isEqualTo("delivered"));
    assertThat(
            service
                .admin("/admin/messages/dest-e2e-3")
                .path("messages")
                .path(0)
                .path("source")
                .asText())
        .isEqualTo("backend");
  }
}
