package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.persistence.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls that arrive before their person's first identify are delivered once it arrives (issue 22), through the real
 * service and its built-in sandbox: posted by hand, and as Segment's own Node.js library sends them, each call its
 * own request racing the others.
 */
class EarlyCallsEndToEndTest {
  private final RunningService service =
      new RunningService(TestDatabase.newDatabaseSettings(10), Map.of());

  @AfterEach
  void stop() {
    service.close();
  }

  private void awaitState(String messageId, String state) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(service.stateOf(messageId)).isEqualTo(state));
  }

  private boolean sandboxHasEvent(String email, String event) {
    for (JsonNode tracked : service.sandbox().state().path("tracking").path("events")) {
      if (tracked.path("email").asText().equals(email)
          && tracked.path("event").asText().equals(event)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aTrackPostedBeforeItsUsersFirstIdentifyReachesTheContactOnceTheIdentifyDoes() {
    service.post(
        "/v1/track", "{\"userId\":\"late-1\",\"messageId\":\"late-t1\",\"event\":\"Signed Up\"}");
    awaitState("late-t1", "skipped");
    assertThat(
            service
                .admin("/admin/messages/late-t1")
                .path("messages")
                .path(0)
                .path("reason")
                .asText())
        .contains("waiting for an identify");

    service.post(
        "/v1/identify",
        "{\"userId\":\"late-1\",\"messageId\":\"late-i1\",\"traits\":"
            + "{\"email\":\"late.one@example.com\",\"firstName\":\"Late\",\"lastName\":\"One\"}}");
    awaitState("late-i1", "delivered");
    awaitState("late-t1", "delivered");
    assertThat(sandboxHasEvent("late.one@example.com", "Signed Up")).isTrue();
  }

  @Test
  void anOperatorsRetryBringsBackATrackWaitingForItsEmail() {
    service.post(
        "/v1/track", "{\"userId\":\"late-2\",\"messageId\":\"late-t2\",\"event\":\"Viewed\"}");
    awaitState("late-t2", "skipped");
    JsonNode retried =
        service.read(
            service
                .send(
                    HttpRequest.newBuilder(
                            URI.create(service.url() + "/admin/messages/late-t2/retry"))
                        .header("Authorization", "Bearer " + RunningService.ADMIN_TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build())
                .body());
    assertThat(retried.path("retried").asInt()).isEqualTo(1);
    // nothing knows the email yet: it waits again, and is not lost
    awaitState("late-t2", "skipped");
  }

  @Test
  void segmentsNodeLibraryPostingTracksBeforeAndBesideTheIdentifyLosesNone() throws Exception {
    String run = "node-" + Long.toHexString(System.nanoTime());
    SegmentJsLibraries.runNode("early-calls.mjs", service.url(), RunningService.WRITE_KEY, run);
    for (String user : new String[] {run + "-first", run + "-race"}) {
      for (String call : new String[] {"-i", "-t1", "-t2"}) {
        awaitState(user + call, "delivered");
      }
    }
    assertThat(sandboxHasEvent(run + "-first@example.com", "Early One")).isTrue();
    assertThat(sandboxHasEvent(run + "-first@example.com", "Early Two")).isTrue();
    assertThat(sandboxHasEvent(run + "-race@example.com", "Raced One")).isTrue();
    assertThat(sandboxHasEvent(run + "-race@example.com", "Raced Two")).isTrue();
  }
}
