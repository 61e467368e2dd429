package io.acdest.adapters.activecampaign;

import static io.acdest.adapters.activecampaign.SandboxHarness.arr;
import static io.acdest.adapters.activecampaign.SandboxHarness.identify;
import static io.acdest.adapters.activecampaign.SandboxHarness.janeKim;
import static io.acdest.adapters.activecampaign.SandboxHarness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.RetryCause;
import io.acdest.domain.message.MessageState;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each mapping rule of §3, from an accepted call through the client to the sandbox's state. */
class ThroughTheSandboxTest {
  private final SandboxHarness h = new SandboxHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  @Test
  void janeKimIsCreatedWithHerCustomFieldsInOneRequest() {
    // analytics.identify('ze8rt1u89', {firstName, lastName, email, shirtSize: 'medium', state:
    // 'California', multiChoice})
    h.deliver(
        identify(
            "m1",
            "ze8rt1u89",
            janeKim(
                "shirtSize",
                "medium",
                "state",
                "California",
                "multiChoice",
                arr("Value1", "Value2"),
                "shoeSize",
                42)));

    JsonNode jane = h.contact("jane.kim@example.com");
    assertThat(jane.path("firstName").asText()).isEqualTo("Jane");
    assertThat(jane.path("lastName").asText()).isEqualTo("Kim");
    assertThat(jane.path("fields").path("SHIRT_SIZE").asText()).isEqualTo("medium");
    assertThat(jane.path("fields").path("STATE").asText()).isEqualTo("California");
    assertThat(jane.path("fields").path("MULTI_CHOICE").asText()).isEqualTo("||Value1||Value2||");
    assertThat(h.requests("POST /api/3/contact/sync")).isEqualTo(1);
    assertThat(h.message("m1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.message("m1").unmapped())
        .containsExactly("shoeSize: no custom field with this key or name");
  }

  @Test
  void anUnknownContactWithoutANameIsSkippedAndNotCreated() {
    h.deliver(identify("m1", "u1", obj("email", "nobody@example.com", "state", "Ohio")));

    assertThat(h.state().path("contacts")).isEmpty();
    assertThat(h.message("m1").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(h.requests("GET /api/3/contacts")).as("looked up by email first").isEqualTo(1);
    assertThat(h.requests("POST /api/3/contact/sync")).isZero();
  }

  @Test
  void anExistingContactWithoutANameIsUpdated() {
    h.deliver(identify("m1", "u1", janeKim()));
    h.deliver(identify("m2", "u2", obj("email", "jane.kim@example.com", "state", "Ohio")));
    assertThat(h.contact("jane.kim@example.com").path("fields").path("STATE").asText())
        .isEqualTo("Ohio");
  }

  @Test
  void anEmailChangeKeepsOneContact() {
    h.deliver(identify("m1", "ze8rt1u89", janeKim()));
    String id = h.contact("jane.kim@example.com").path("id").asText();
    h.deliver(identify("m2", "ze8rt1u89", janeKim("email", "jane@kim.example")));

    assertThat(h.state().path("contacts")).hasSize(1);
    assertThat(h.contact("jane@kim.example").path("id").asText()).isEqualTo(id);
    assertThat(h.requests("PUT /api/3/contacts/:id")).isEqualTo(1);
  }

  @Test
  void tagsAreCreatedOnceAcrossFiftyIdentifies() {
    for (int i = 0; i < 50; i++) {
      h.deliver(
          identify(
              "m" + i,
              "u" + i,
              obj(
                  "firstName",
                  "User",
                  "email",
                  "user" + i + "@example.com",
                  "tags",
                  arr(i % 2 == 0 ? "checkout" : "Checkout", "abandoned"))));
    }
    List<String> tagNames = new ArrayList<>();
    h.state().path("tags").forEach(tag -> tagNames.add(tag.path("tag").asText()));
    assertThat(tagNames).containsExactly("checkout", "abandoned");
    assertThat(h.requests("POST /api/3/tags")).isEqualTo(2);
    assertThat(h.requests("GET /api/3/tags"))
        .as("each name is searched for once, then cached")
        .isEqualTo(2);
    assertThat(texts(h.contact("user49@example.com").path("tags")))
        .containsExactly("checkout", "abandoned");
  }

  @Test
  void tagsResetLeavesExactlyTheNewTags() {
    h.deliver(identify("m1", "ze8rt1u89", janeKim("tags", arr("old", "checkout", "vip"))));
    // tags: ['checkout', 'abandoned'], tagsReset: 1
    h.deliver(
        identify("m2", "ze8rt1u89", janeKim("tags", arr("checkout", "abandoned"), "tagsReset", 1)));

    assertThat(texts(h.contact("jane.kim@example.com").path("tags")))
        .containsExactlyInAnyOrder("checkout", "abandoned");
    assertThat(h.requests("DELETE /api/3/contactTags/:id")).isEqualTo(3);
  }

  @Test
  void listOneIsActiveAndSevenUnsubscribed() {
    h.deliver(
        identify(
            "m1",
            "ze8rt1u89",
            janeKim(
                "lists",
                arr(obj("id", 1, "status", "active"), obj("id", 7, "status", "unsubscribed")))));
    JsonNode lists = h.contact("jane.kim@example.com").path("lists");
    assertThat(lists.path("1").asText()).isEqualTo("1");
    assertThat(lists.path("7").asText()).isEqualTo("2");
  }

  @Test
  void aLongEventNameIsCutTo32CharactersAndTheMessageSaysSo() {
    String original = "Completed the onboarding checklist step three";
    h.deliver(
        identify("i1", "ze8rt1u89", janeKim()),
        obj("type", "track", "messageId", "t1", "userId", "ze8rt1u89", "event", original));

    JsonNode events = h.state().path("tracking").path("events");
    assertThat(events.get(0).path("event").asText()).isEqualTo("Completed the onboarding checkli");
    assertThat(h.message("t1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.message("t1").reason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("event name '" + original + "' is longer than 32 characters")
                    .contains("sent as 'Completed the onboarding checkli'"));
  }

  @Test
  void tracksAreRecordedWithAndWithoutAValue() {
    h.deliver(
        identify("i1", "ze8rt1u89", janeKim()),
        // analytics.track('Clicked a button', {properties: {acValue: 'Signup button'}})
        obj(
            "type",
            "track",
            "messageId",
            "t1",
            "userId",
            "ze8rt1u89",
            "event",
            "Clicked a button",
            "properties",
            obj("properties", obj("acValue", "Signup button"))),
        obj("type", "track", "messageId", "t2", "userId", "ze8rt1u89", "event", "Viewed pricing"),
        obj(
            "type",
            "track",
            "messageId",
            "t3",
            "userId",
            "ze8rt1u89",
            "event",
            "Ordered",
            "properties",
            obj("acValue", obj("total", 42, "currency", "EUR"))));

    JsonNode events = h.state().path("tracking").path("events");
    assertThat(events).hasSize(3);
    assertThat(events.get(0).path("email").asText()).isEqualTo("jane.kim@example.com");
    assertThat(events.get(0).path("event").asText()).isEqualTo("Clicked a button");
    assertThat(events.get(0).path("eventdata").asText()).isEqualTo("Signup button");
    assertThat(events.get(1).has("eventdata")).isFalse();
    assertThat(events.get(2).path("eventdata").asText())
        .isEqualTo("{\"total\":42,\"currency\":\"EUR\"}");
  }

  @Test
  void pagesAllowEachDomainOnceAndRecordEveryVisit() {
    h.deliver(
        identify("i1", "ze8rt1u89", janeKim()),
        obj(
            "type",
            "page",
            "messageId",
            "p1",
            "userId",
            "ze8rt1u89",
            "properties",
            obj("url", "https://shop.example.com/a")),
        obj(
            "type",
            "page",
            "messageId",
            "p2",
            "userId",
            "ze8rt1u89",
            "properties",
            obj("url", "https://shop.example.com/b", "referrer", "https://google.com/")),
        obj(
            "type",
            "page",
            "messageId",
            "p3",
            "userId",
            "ze8rt1u89",
            "properties",
            obj("url", "https://blog.example.com/")));

    JsonNode tracking = h.state().path("tracking");
    assertThat(texts(tracking.path("domains")))
        .containsExactly("shop.example.com", "blog.example.com");
    assertThat(h.requests("POST /api/3/siteTrackingDomains")).isEqualTo(2);
    assertThat(tracking.path("visits")).hasSize(3);
    assertThat(tracking.path("visits").get(1).path("url").asText())
        .isEqualTo("https://shop.example.com/b");
    assertThat(tracking.path("visits").get(1).path("referrer").asText())
        .isEqualTo("https://google.com/");
    assertThat(tracking.path("visits").get(1).path("email").asText())
        .isEqualTo("jane.kim@example.com");
  }

  @Test
  void disabledSiteTrackingIsAPermanentClearlyWordedFailure() {
    h.sandbox.siteTracking(false);
    List<DeliveryOutcome> outcomes =
        h.deliver(
            identify("i1", "ze8rt1u89", janeKim()),
            obj(
                "type",
                "page",
                "messageId",
                "p1",
                "userId",
                "ze8rt1u89",
                "properties",
                obj("url", "https://shop.example.com/")));
    assertThat(h.message("p1").state()).isEqualTo(MessageState.DEAD);
    assertThat(h.message("p1").reason())
        .hasValueSatisfying(r -> assertThat(r).contains("site tracking is disabled"));
    assertThat(outcomes).hasSize(2);
  }

  @Test
  void disabledEventTrackingPausesDeliveryInsteadOfKillingIt() {
    h.sandbox.eventTracking(false);
    List<DeliveryOutcome> outcomes =
        h.deliver(
            obj(
                "type",
                "track",
                "messageId",
                "t1",
                "userId",
                "u1",
                "event",
                "Clicked a button",
                "properties",
                obj("email", "jane.kim@example.com")));
    assertThat(outcomes)
        .singleElement()
        .isInstanceOfSatisfying(
            DeliveryOutcome.RetryLater.class,
            retry -> assertThat(retry.cause()).isEqualTo(RetryCause.PAUSED));
    assertThat(h.message("t1").reason())
        .hasValueSatisfying(r -> assertThat(r).contains("Event tracking is disabled"));
  }

  @Test
  void theApiTokenGoesOnRestCallsOnly() {
    h.deliver(
        identify("i1", "ze8rt1u89", janeKim()),
        obj("type", "track", "messageId", "t1", "userId", "ze8rt1u89", "event", "Clicked a button"),
        obj(
            "type",
            "page",
            "messageId",
            "p1",
            "userId",
            "ze8rt1u89",
            "properties",
            obj("url", "https://shop.example.com/")));
    List<ActiveCampaignSandbox.ReceivedRequest> requests = h.sandbox.recentRequests();
    assertThat(requests)
        .filteredOn(r -> r.endpoint().contains("/api/3/"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.hadApiToken()).isTrue());
    assertThat(requests)
        .filteredOn(r -> !r.endpoint().contains("/api/3/"))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.hadApiToken()).isFalse());
    assertThat(requests)
        .allSatisfy(
            r -> assertThat(String.valueOf(r.body())).doesNotContain(SandboxHarness.API_KEY));
  }

  @Test
  void everyBodySentMatchesActiveCampaignsPublishedSchema() throws Exception {
    h.deliver(
        identify(
            "i1",
            "ze8rt1u89",
            janeKim(
                "shirtSize",
                "medium",
                "tags",
                arr("vip"),
                "lists",
                arr(obj("id", 1, "status", "active")))),
        identify("i2", "ze8rt1u89", janeKim("email", "jane@kim.example")),
        obj(
            "type",
            "track",
            "messageId",
            "t1",
            "userId",
            "ze8rt1u89",
            "event",
            "Clicked a button",
            "properties",
            obj("acValue", "Signup button")));
    PublishedSchemas schemas = new PublishedSchemas();
    ObjectMapper json = new ObjectMapper();
    List<String> checked = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ActiveCampaignSandbox.ReceivedRequest request : h.sandbox.recentRequests()) {
      var schema = schemas.schemaOf(request.endpoint());
      if (schema.isEmpty() || request.body() == null || request.body().isEmpty()) {
        continue;
      }
      JsonNode body =
          request.endpoint().equals("POST /event")
              ? json.valueToTree(form(request.body()))
              : json.readTree(request.body());
      problems.addAll(PublishedSchemas.violations(schema.get(), body, request.endpoint()));
      checked.add(request.endpoint());
    }
    assertThat(checked)
        .contains(
            "POST /api/3/contact/sync",
            "PUT /api/3/contacts/:id",
            "POST /api/3/tags",
            "POST /api/3/contactTags",
            "POST /api/3/contactLists",
            "POST /event");
    assertThat(problems).isEmpty();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      fields.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return fields;
  }

  @Test
  void aListIdActiveCampaignCannotHaveIsRejectedWhenTheCallArrives() {
    // list ids are opaque text in the core; ActiveCampaign's are positive whole numbers, and its
    // adapter says so
    h.deliver(
        identify("m1", "u1", janeKim("lists", arr(obj("id", "a1b2c3d4e5", "status", "active")))));
    assertThat(h.message("m1").state()).isEqualTo(MessageState.REJECTED);
    assertThat(h.message("m1").reason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("traits.lists id 'a1b2c3d4e5' must be a positive whole number"));
    assertThat(h.requests()).isZero();
  }
}
