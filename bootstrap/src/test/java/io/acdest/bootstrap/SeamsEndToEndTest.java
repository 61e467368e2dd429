package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.persistence.DatabaseSettings;
import io.acdest.adapters.persistence.TestDatabase;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Where two features meet (issue 22), through the real service: one outcome per input whatever the path, memory that
 * belongs to the account it was learnt from, a refusal inside a 200, an email change at its cost, a rejected call's
 * time, and the lines an operator reads.
 */
class SeamsEndToEndTest {
  private final DatabaseSettings database = TestDatabase.newDatabaseSettings(10);
  private final List<AutoCloseable> open = new ArrayList<>();
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    vertx.close();
  }

  private RunningService start(Map<String, String> env) {
    RunningService service = new RunningService(database, env);
    open.add(service);
    return service;
  }

  private ActiveCampaignSandbox account() {
    ActiveCampaignSandbox account = RunningService.fastAccount(vertx);
    open.add(account::stop);
    return account;
  }

  private static void awaitState(RunningService service, String messageId, String state) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(service.stateOf(messageId))
                    .as(() -> messageId + ": " + message(service, messageId))
                    .isEqualTo(state));
  }

  private static JsonNode message(RunningService service, String messageId) {
    return service.admin("/admin/messages/" + messageId).path("messages").path(0);
  }

  private static JsonNode contact(JsonNode state, String email) {
    for (JsonNode contact : state.path("contacts")) {
      if (contact.path("email").asText().equals(email)) {
        return contact;
      }
    }
    throw new AssertionError("no contact " + email + " in " + state.path("contacts"));
  }

  private static String identify(String messageId, String userId, String email, int list) {
    return "{\"type\":\"identify\",\"userId\":\""
        + userId
        + "\",\"messageId\":\""
        + messageId
        + "\",\"traits\":{"
        + "\"email\":\""
        + email
        + "\",\"firstName\":\"Pat\",\"lastName\":\""
        + userId
        + "\","
        + "\"tags\":[\"audience\"],\"lists\":[{\"id\":"
        + list
        + ",\"status\":\"unsubscribed\"}]}}";
  }

  @Test
  void theSameBadIdentifyEndsTheSameAloneAndInABacklog() {
    // one contacts worker, so that the backlog's twelve identifies are claimed, and imported,
    // together
    RunningService service = start(Map.of("DELIVERY_WORKERS", "1"));
    service.post(
        "/v1/batch", "{\"batch\":[" + identify("alone", "u-alone", "alone@example.com", 99) + "]}");
    awaitState(service, "alone", "dead");

    List<String> backlog = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      backlog.add(identify("backlog-" + n, "u-" + n, "p" + n + "@example.com", n == 5 ? 99 : 1));
    }
    service.post("/v1/batch", "{\"batch\":[" + String.join(",", backlog) + "]}");
    awaitState(service, "backlog-5", "dead");
    awaitState(service, "backlog-6", "delivered");

    assertThat(message(service, "backlog-5").path("reason").asText())
        .isEqualTo(message(service, "alone").path("reason").asText())
        .contains("No Result found for List with id 99");
    assertThat(message(service, "backlog-6").path("reason").asText())
        .contains("bulk import of 11 contacts");
    assertThat(message(service, "backlog-6").path("attempts").findValuesAsText("request"))
        .as("the import is in the history of each message it carried")
        .contains("POST /api/3/import/bulk_import");
    assertThat(message(service, "backlog-5").path("attempts").findValuesAsText("request"))
        .doesNotContain("POST /api/3/import/bulk_import");
  }

  @Test
  void pointedAtAnotherAccountTheServiceSendsWhatItHadSentTheFirstOne() {
    ActiveCampaignSandbox first = account();
    ActiveCampaignSandbox second = account();
    String jane = identify("acct-1", "ze8rt1u89", "jane.kim@example.com", 7);
    RunningService one = start(RunningService.deliveringTo(first, 100));
    one.post("/v1/batch", "{\"batch\":[" + jane + "]}");
    awaitState(one, "acct-1", "delivered");
    one.close();

    RunningService two = start(RunningService.deliveringTo(second, 100));
    two.post("/v1/batch", "{\"batch\":[" + jane.replace("acct-1", "acct-2") + "]}");
    awaitState(two, "acct-2", "delivered");
    JsonNode there = contact(second.state(), "jane.kim@example.com");
    assertThat(there.path("tags").toString()).contains("audience");
    assertThat(there.path("lists").path("7").asText()).isEqualTo("2");
    assertThat(message(two, "acct-2").path("reason").asText()).doesNotContain("unchanged");
  }

  @Test
  void theBuiltInSandboxRemembersAcrossARestartWhatTheServiceRemembersItSent() {
    Map<String, String> env =
        Map.of("DATA_DIR", Path.of("target", "seams-" + System.nanoTime()).toString());
    String jane = identify("restart-1", "ze8rt1u89", "jane.kim@example.com", 7);
    RunningService before = start(env);
    before.post("/v1/batch", "{\"batch\":[" + jane + "]}");
    awaitState(before, "restart-1", "delivered");
    before.close();

    RunningService after = start(env);
    JsonNode kept = contact(after.sandbox().state(), "jane.kim@example.com");
    assertThat(kept.path("tags").toString()).contains("audience");
    assertThat(kept.path("lists").path("7").asText()).isEqualTo("2");
    after.post("/v1/batch", "{\"batch\":[" + jane.replace("restart-1", "restart-2") + "]}");
    awaitState(after, "restart-2", "delivered");
    assertThat(message(after, "restart-2").path("reason").asText()).contains("unchanged");
    assertThat(contact(after.sandbox().state(), "jane.kim@example.com").path("tags").toString())
        .contains("audience");
  }

  @Test
  void aRefusalAnsweredWith200IsFiledOnItsAttemptWithTheTrackingHostsHint() {
    RunningService service = start(Map.of());
    service.sandbox().eventTracking(false);
    service.post(
        "/v1/batch",
        "{\"batch\":["
            + identify("refused-i", "u-r", "r@example.com", 7)
            + ",{\"type\":\"track\",\"userId\":\"u-r\",\"messageId\":\"refused-t\",\"event\":\"Ordered\"}]}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> message(service, "refused-t").path("attempts").size() > 0);
    JsonNode attempt = message(service, "refused-t").path("attempts").path(0);
    assertThat(attempt.path("status").asInt()).isEqualTo(200);
    assertThat(attempt.path("errorClass").asText()).isEqualTo("refused");
    assertThat(attempt.toString()).contains("Event tracking is disabled");
    String reason = message(service, "refused-t").path("reason").asText();
    assertThat(reason).contains("tracking URL", "event key").doesNotContain("API URL and key");
  }

  @Test
  void anEmailChangeCostsOneRequestAndARejectedCallKeepsItsCorrectedTime() {
    RunningService service = start(Map.of());
    service.post(
        "/v1/batch", "{\"batch\":[" + identify("change-1", "u-c", "old@example.com", 7) + "]}");
    awaitState(service, "change-1", "delivered");
    int before = service.sandbox().state().path("requests").path("total").asInt();
    service.post(
        "/v1/batch", "{\"batch\":[" + identify("change-2", "u-c", "new@example.com", 7) + "]}");
    awaitState(service, "change-2", "delivered");
    JsonNode requests = service.sandbox().state().path("requests");
    assertThat(requests.path("total").asInt() - before).isEqualTo(1);
    assertThat(requests.path("byEndpoint").path("PUT /api/3/contacts/:id").asInt()).isEqualTo(1);
    assertThat(contact(service.sandbox().state(), "new@example.com").path("tags").toString())
        .contains("audience");

    Instant now = Instant.now();
    // the client's clock runs an hour ahead: it stamped the event, then sent it two seconds later
    // by its own clock
    service.post(
        "/v1/batch",
        "{\"sentAt\":\""
            + now.plusSeconds(3602)
            + "\",\"batch\":[{\"type\":\"track\","
            + "\"userId\":\"u-c\",\"messageId\":\"skewed-rejected\",\"timestamp\":\""
            + now.plusSeconds(3600)
            + "\"}]}");
    JsonNode rejected = message(service, "skewed-rejected");
    assertThat(rejected.path("state").asText()).isEqualTo("rejected");
    Instant received = Instant.parse(rejected.path("receivedAt").asText());
    assertThat(Instant.parse(rejected.path("timestamp").asText()))
        .isEqualTo(received.minusSeconds(2));
  }

  @Test
  void anOperatorReadsOneLineForADeadMessageAPauseARetryAndAnErasureWithNoEmail() {
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    Logger operator = (Logger) LoggerFactory.getLogger("operator");
    operator.addAppender(lines);
    open.add(() -> operator.detachAppender(lines));
    RunningService service = start(Map.of());
    service.post(
        "/v1/batch",
        "{\"batch\":[" + identify("log-dead", "u-log", "log.person@example.com", 99) + "]}");
    awaitState(service, "log-dead", "dead");
    service.sandbox().eventTracking(false);
    service.post(
        "/v1/batch",
        "{\"batch\":["
            + identify("log-i", "u-log2", "log.two@example.com", 7)
            + ",{\"type\":\"track\",\"userId\":\"u-log2\",\"messageId\":\"log-t\",\"event\":\"Ordered\"}]}");
    service.send(
        HttpRequest.newBuilder(URI.create(service.url() + "/admin/messages/log-dead/retry"))
            .header("Authorization", "Bearer " + RunningService.ADMIN_TOKEN)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
    service.send(
        HttpRequest.newBuilder(URI.create(service.url() + "/admin/erasures"))
            .header("Authorization", "Bearer " + RunningService.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"log.person@example.com\"}"))
            .build());

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(written(lines))
                    .anySatisfy(
                        line ->
                            assertThat(line)
                                .startsWith("event=message.dead messageId=log-dead")
                                .contains("type=identify", "No Result found for List with id 99"))
                    .anySatisfy(
                        line ->
                            assertThat(line)
                                .startsWith("event=pause.began")
                                .contains("Event tracking is disabled"))
                    .anySatisfy(
                        line ->
                            assertThat(line)
                                .startsWith("event=operator.retry")
                                .contains("log-dead", "messages=1"))
                    .anySatisfy(line -> assertThat(line).startsWith("event=operator.erasure")));
    assertThat(written(lines))
        .noneSatisfy(line -> assertThat(line).contains("@example.com"))
        .noneSatisfy(
            line ->
                assertThat(line).contains(RunningService.WRITE_KEY, RunningService.ADMIN_TOKEN));
  }

  private static List<String> written(ListAppender<ILoggingEvent> lines) {
    synchronized (lines) {
      return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
