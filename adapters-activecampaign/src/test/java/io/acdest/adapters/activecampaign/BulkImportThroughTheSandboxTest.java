package io.acdest.adapters.activecampaign;

import static io.acdest.adapters.activecampaign.SandboxHarness.arr;
import static io.acdest.adapters.activecampaign.SandboxHarness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.message.MessageState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A backlog of identifies lands in the sandbox account through one bulk import request. */
class BulkImportThroughTheSandboxTest {
  private final SandboxHarness h = new SandboxHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private void deliverBacklog(List<Map<String, Object>> calls) {
    h.ingest.ingest(new io.acdest.domain.port.in.IngestCommand(calls.stream().map(e ->
        new io.acdest.domain.call.ReceivedCall(SandboxHarness.SOURCE, (String) e.get("type"),
            io.acdest.domain.call.CallFields.root(e), java.time.Instant.now())).toList(), false));
    List<DeliveryJob> jobs;
    while (!(jobs = h.store.claim("w", 250, Duration.ofMinutes(1))).isEmpty()) {
      h.delivery.deliverAll(jobs, Duration.ofMinutes(1), () -> true);
    }
  }

  private static Map<String, Object> person(int n, String listStatus) {
    return SandboxHarness.identify("m" + n + listStatus, "u" + n, obj("firstName", "Person", "lastName", "No" + n,
        "email", "p" + n + "@example.com", "shirtSize", "medium", "multiChoice", arr("Value1", "Value3"),
        "tags", arr("audience", n % 2 == 0 ? "even" : "odd"),
        "lists", arr(obj("id", 1, "status", listStatus), obj("id", 7, "status", "unsubscribed"))));
  }

  @Test
  void fifteenPeopleArriveWithFieldsTagsAndListsInOneRequest() throws Exception {
    List<Map<String, Object>> calls = new ArrayList<>();
    for (int n = 0; n < 15; n++) {
      calls.add(person(n, "active"));
    }
    deliverBacklog(calls);

    JsonNode state = h.state();
    assertThat(state.path("contacts")).hasSize(15);
    JsonNode p4 = h.contact("p4@example.com");
    assertThat(p4.path("firstName").asText()).isEqualTo("Person");
    assertThat(p4.path("fields").path("SHIRT_SIZE").asText()).isEqualTo("medium");
    assertThat(p4.path("fields").path("MULTI_CHOICE").asText()).isEqualTo("||Value1||Value3||");
    assertThat(p4.path("tags").toString()).contains("audience", "even");
    assertThat(p4.path("lists").path("1").asText()).isEqualTo("1");
    assertThat(p4.path("lists").path("7").asText()).isEqualTo("2");
    assertThat(h.requests("POST /api/3/import/bulk_import")).isEqualTo(1);
    assertThat(h.requests("POST /api/3/contact/sync")).isZero();
    assertThat(h.message("m4active").state()).isEqualTo(MessageState.DELIVERED);
    String importBudget = java.net.URI.create(h.sandbox.baseUrl()).getAuthority() + "/bulk_import";
    assertThat(h.limiter.reserve(importBudget, Duration.ofMillis(600)))
        .as("the import took a slot of the 100-per-minute import budget").isPositive();

    PublishedSchemas schemas = new PublishedSchemas();
    ActiveCampaignSandbox.ReceivedRequest request = h.sandbox.recentRequests().stream()
        .filter(r -> r.endpoint().equals("POST /api/3/import/bulk_import")).findFirst().orElseThrow();
    JsonNode body = new ObjectMapper().readTree(request.body());
    List<String> problems = new ArrayList<>(PublishedSchemas.violations(
        schemas.schemaOf(request.endpoint()).orElseThrow(), body, "import"));
    JsonNode contactSchema = schemas.schemaOf(request.endpoint()).orElseThrow().path("properties").path("contacts").path("items");
    for (JsonNode contact : body.path("contacts")) {
      problems.addAll(PublishedSchemas.violations(contactSchema, contact, "import.contacts[]"));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void anImportDoesNotResubscribeSomeoneWhoUnsubscribed() {
    List<Map<String, Object>> first = new ArrayList<>();
    List<Map<String, Object>> second = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      first.add(person(n, "unsubscribed"));
      second.add(person(n, "active"));
    }
    deliverBacklog(first);
    deliverBacklog(second);
    assertThat(h.contact("p3@example.com").path("lists").path("1").asText()).isEqualTo("2");
    assertThat(h.requests("POST /api/3/import/bulk_import")).isEqualTo(2);
  }
}
