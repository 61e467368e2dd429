package io.acdest.adapters.activecampaign;

import static io.acdest.adapters.activecampaign.SandboxHarness.arr;
import static io.acdest.adapters.activecampaign.SandboxHarness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.message.MessageState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A backlog of identifies lands in the sandbox account through one bulk import request, and every identify ends as it
 * would on its own (issue 22): what an import would treat otherwise goes alone.
 */
class BulkImportThroughTheSandboxTest {
  private final MutableClock catalogueClock = new MutableClock(java.time.Instant.now());
  private final SandboxHarness h = new SandboxHarness(catalogueClock);

  @AfterEach
  void close() {
    h.close();
  }

  private void deliverBacklog(List<Map<String, Object>> calls) {
    h.ingest.ingest(
        new io.acdest.domain.port.in.IngestCommand(
            calls.stream()
                .map(
                    e ->
                        new io.acdest.domain.call.ReceivedCall(
                            SandboxHarness.SOURCE,
                            (String) e.get("type"),
                            io.acdest.domain.call.CallFields.root(e),
                            java.time.Instant.now()))
                .toList(),
            false));
    List<DeliveryJob> jobs;
    while (!(jobs = h.store.claim("w", 250, Duration.ofMinutes(1))).isEmpty()) {
      h.delivery.deliverAll(jobs, Duration.ofMinutes(1), () -> true);
    }
  }

  private static Map<String, Object> person(int n, String listStatus) {
    return person(n, listStatus, 1);
  }

  private static Map<String, Object> person(int n, String listStatus, int list) {
    return SandboxHarness.identify(
        "m" + n + listStatus + list,
        "u" + n,
        obj(
            "firstName",
            "Person",
            "lastName",
            "No" + n,
            "email",
            "p" + n + "@example.com",
            "shirtSize",
            "medium",
            "multiChoice",
            arr("Value1", "Value3"),
            "tags",
            arr("audience", n % 2 == 0 ? "even" : "odd"),
            "lists",
            arr(obj("id", list, "status", listStatus), obj("id", 7, "status", "unsubscribed"))));
  }

  @Test
  void fifteenPeopleArriveWithFieldsTagsAndListsInOneRequest() throws Exception {
    List<Map<String, Object>> calls = new ArrayList<>();
    for (int n = 0; n < 15; n++) {
      calls.add(person(n, "unsubscribed"));
    }
    deliverBacklog(calls);

    JsonNode state = h.state();
    assertThat(state.path("contacts")).hasSize(15);
    JsonNode p4 = h.contact("p4@example.com");
    assertThat(p4.path("firstName").asText()).isEqualTo("Person");
    assertThat(p4.path("fields").path("SHIRT_SIZE").asText()).isEqualTo("medium");
    assertThat(p4.path("fields").path("MULTI_CHOICE").asText()).isEqualTo("||Value1||Value3||");
    assertThat(p4.path("tags").toString()).contains("audience", "even");
    assertThat(p4.path("lists").path("1").asText()).isEqualTo("2");
    assertThat(p4.path("lists").path("7").asText()).isEqualTo("2");
    assertThat(h.requests("POST /api/3/import/bulk_import")).isEqualTo(1);
    assertThat(h.requests("POST /api/3/contact/sync")).isZero();
    assertThat(h.message("m4unsubscribed1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.attempts("m4unsubscribed1"))
        .as("the import is in each message's history")
        .contains("POST /api/3/import/bulk_import");
    assertThat(h.attempts("m11unsubscribed1")).contains("POST /api/3/import/bulk_import");
    String importBudget = java.net.URI.create(h.sandbox.baseUrl()).getAuthority() + "/bulk_import";
    assertThat(h.limiter.reserve(importBudget, Duration.ofMillis(600)))
        .as("the import took a slot of the 100-per-minute import budget")
        .isPositive();

    PublishedSchemas schemas = new PublishedSchemas();
    ActiveCampaignSandbox.ReceivedRequest request =
        h.sandbox.recentRequests().stream()
            .filter(r -> r.endpoint().equals("POST /api/3/import/bulk_import"))
            .findFirst()
            .orElseThrow();
    JsonNode body = new ObjectMapper().readTree(request.body());
    List<String> problems =
        new ArrayList<>(
            PublishedSchemas.violations(
                schemas.schemaOf(request.endpoint()).orElseThrow(), body, "import"));
    JsonNode contactSchema =
        schemas
            .schemaOf(request.endpoint())
            .orElseThrow()
            .path("properties")
            .path("contacts")
            .path("items");
    for (JsonNode contact : body.path("contacts")) {
      problems.addAll(PublishedSchemas.violations(contactSchema, contact, "import.contacts[]"));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aSubscriptionEndsAsItWouldOnItsOwnEvenForSomeoneWhoUnsubscribed() {
    // an import does not resubscribe a contact who unsubscribed; contactLists does: subscriptions
    // go on their own
    List<Map<String, Object>> first = new ArrayList<>();
    List<Map<String, Object>> second = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      first.add(person(n, "unsubscribed"));
      second.add(person(n, "active"));
    }
    deliverBacklog(first);
    deliverBacklog(second);
    assertThat(h.contact("p3@example.com").path("lists").path("1").asText()).isEqualTo("1");
    assertThat(h.requests("POST /api/3/import/bulk_import")).isEqualTo(1);
    assertThat(h.message("m3active1").state()).isEqualTo(MessageState.DELIVERED);
  }

  @Test
  void anIdentifyNamingAListTheAccountLacksEndsTheSameAloneAndInABacklog() {
    // issue 22: alone it was dead ("404 No Result found for List with id 99"); in a backlog of ten,
    // "delivered"
    deliverBacklog(List.of(person(0, "unsubscribed", 99)));
    List<Map<String, Object>> backlog = new ArrayList<>();
    for (int n = 1; n <= 12; n++) {
      backlog.add(person(n, "unsubscribed", n == 5 ? 99 : 1));
    }
    deliverBacklog(backlog);

    assertThat(h.message("m0unsubscribed99").state()).isEqualTo(MessageState.DEAD);
    assertThat(h.message("m5unsubscribed99").state())
        .isEqualTo(h.message("m0unsubscribed99").state());
    assertThat(h.message("m5unsubscribed99").reason())
        .isEqualTo(h.message("m0unsubscribed99").reason())
        .hasValueSatisfying(
            reason -> assertThat(reason).contains("No Result found for List with id 99"));
    assertThat(h.attempts("m5unsubscribed99")).doesNotContain("POST /api/3/import/bulk_import");
    assertThat(h.message("m6unsubscribed1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.requests("POST /api/3/import/bulk_import"))
        .as("the others still in one import")
        .isEqualTo(1);
  }

  @Test
  void aListCreatedInTheAccountAfterItsCatalogueWasReadIsFoundWithinAMinute() {
    List<Map<String, Object>> backlog = new ArrayList<>();
    for (int n = 1; n <= 10; n++) {
      backlog.add(person(n, "unsubscribed", 1));
    }
    deliverBacklog(backlog);
    String created = h.sandbox.createList("Created later");
    catalogueClock.advance(Duration.ofMinutes(2));
    List<Map<String, Object>> later = new ArrayList<>();
    for (int n = 20; n < 30; n++) {
      later.add(person(n, "unsubscribed", Integer.parseInt(created)));
    }
    deliverBacklog(later);
    assertThat(h.requests("POST /api/3/import/bulk_import")).isEqualTo(2);
    assertThat(h.contact("p25@example.com").path("lists").path(created).asText()).isEqualTo("2");
  }
}
