package io.acdest.adapters.activecampaign;

import static io.acdest.adapters.activecampaign.SandboxHarness.arr;
import static io.acdest.adapters.activecampaign.SandboxHarness.identify;
import static io.acdest.adapters.activecampaign.SandboxHarness.janeKim;
import static io.acdest.adapters.activecampaign.SandboxHarness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.model.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The account is shared (§4): people and other tools add and delete tags, fields and contacts while the service
 * works. Each case here is something a production account meets on its first day, done to the sandbox through its
 * own API, and the service recovers without a dead message.
 */
class AccountDriftTest {
  private SandboxHarness h = new SandboxHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  @Test
  void aTagCreatedBySomeoneElseBetweenTheSearchAndTheCreateIsFoundAndUsed() {
    // the race of the issue: the service searches (none), a marketer creates the tag, the service's
    // create is
    // refused with ActiveCampaign's real words, which do not contain the lower-case word
    // "duplicate"
    h.sandbox.meanwhile("POST /api/3/tags", () -> h.sandbox.createTag("Summer Sale"));
    List<DeliveryOutcome> outcomes =
        h.deliver(identify("m1", "ze8rt1u89", janeKim("tags", arr("summer sale"))));

    assertThat(outcomes.get(0)).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(h.message("m1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(texts(h.contact("jane.kim@example.com").path("tags")))
        .containsExactly("Summer Sale");
    assertThat(h.state().path("tags")).as("one tag, the marketer's").hasSize(1);
    assertThat(h.requests("POST /api/3/tags")).as("the create was refused with 422").isEqualTo(1);
    assertThat(h.requests("GET /api/3/tags"))
        .as("searched before the create and after the refusal")
        .isEqualTo(2);
  }

  @Test
  void anyRefusalOfATagCreateIsSearchedForNotOnlyOneThatSaysDuplicate() {
    h.sandbox.createTag("vip");
    h.sandbox.inject(
        new io.acdest.adapters.activecampaign.sandbox.SandboxFault(
            "/api/3/tags",
            1,
            200,
            "{\"tags\":[],\"meta\":{\"total\":\"0\"}}",
            "application/json",
            java.util.Optional.empty(),
            0));
    // the first search answers (wrongly) that there is none; the create then meets the existing tag
    h.deliver(identify("m1", "u1", janeKim("tags", arr("VIP"))));
    assertThat(h.message("m1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(texts(h.contact("jane.kim@example.com").path("tags"))).containsExactly("vip");
  }

  @Test
  void aTagAddedInTheAccountAfterTheServiceWorkedIsAttachedAtOnceWithoutACreate() {
    h.deliver(identify("m1", "u1", janeKim("tags", arr("checkout"))));
    h.sandbox.createTag("Black Friday");

    h.deliver(identify("m2", "u1", janeKim("tags", arr("checkout", "black friday"))));

    assertThat(texts(h.contact("jane.kim@example.com").path("tags")))
        .containsExactly("checkout", "Black Friday");
    assertThat(h.requests("POST /api/3/tags")).as("only checkout was created").isEqualTo(1);
  }

  @Test
  void aTagDeletedInTheAccountWhileCachedIsCreatedAgain() {
    h.deliver(identify("m1", "u1", janeKim("tags", arr("vip"))));
    h.sandbox.deleteTag("vip");

    h.deliver(
        identify(
            "m2", "u2", obj("firstName", "Ann", "email", "ann@example.com", "tags", arr("vip"))));

    assertThat(h.message("m2").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(texts(h.contact("ann@example.com").path("tags"))).containsExactly("vip");
  }

  @Test
  void aContactDeletedInTheAccountIsBackAfterItsNextIdentify() {
    h.deliver(
        identify(
            "m1",
            "ze8rt1u89",
            janeKim(
                "shirtSize",
                "small",
                "tags",
                arr("checkout"),
                "lists",
                arr(obj("id", 1, "status", "active")))));
    h.sandbox.deleteContact("jane.kim@example.com");

    // only a tag more: the service holds Jane's contact id, and attaching answers 404 "Contact not
    // found"
    List<DeliveryOutcome> outcomes =
        h.deliver(
            identify(
                "m2",
                "ze8rt1u89",
                janeKim(
                    "shirtSize",
                    "small",
                    "tags",
                    arr("checkout", "vip"),
                    "lists",
                    arr(obj("id", 1, "status", "active")))));

    assertThat(outcomes.get(0))
        .isInstanceOfSatisfying(
            DeliveryOutcome.Delivered.class,
            delivered ->
                assertThat(delivered.note())
                    .hasValueSatisfying(note -> assertThat(note).contains("deleted")));
    JsonNode jane = h.contact("jane.kim@example.com");
    assertThat(jane.path("firstName").asText()).isEqualTo("Jane");
    assertThat(jane.path("fields").path("SHIRT_SIZE").asText()).isEqualTo("small");
    assertThat(texts(jane.path("tags"))).containsExactly("checkout", "vip");
    assertThat(jane.path("lists").path("1").asText()).isEqualTo("1");
  }

  @Test
  void aContactDeletedInTheAccountGetsItsNewEmailOnACreatedContact() {
    h.deliver(identify("m1", "ze8rt1u89", janeKim()));
    h.sandbox.deleteContact("jane.kim@example.com");

    h.deliver(identify("m2", "ze8rt1u89", janeKim("email", "jane@kim.example")));

    assertThat(h.message("m2").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.state().path("contacts")).hasSize(1);
    assertThat(h.contact("jane@kim.example").path("lastName").asText()).isEqualTo("Kim");
  }

  @Test
  void aDeletedContactIsNotCreatedAgainByANamelessIdentifyThatOnlyAddsATag() {
    h.deliver(identify("m0", "someone-else", janeKim()));
    h.deliver(identify("m1", "u1", obj("email", "jane.kim@example.com", "plan", "pro")));
    h.sandbox.deleteContact("jane.kim@example.com");

    h.deliver(
        identify(
            "m2", "u1", obj("email", "jane.kim@example.com", "plan", "pro", "tags", arr("vip"))));

    assertThat(h.message("m2").state())
        .as("§3: no contact is created without a name")
        .isEqualTo(MessageState.SKIPPED);
    assertThat(h.state().path("contacts")).isEmpty();
  }

  @Test
  void aNamelessIdentifyThatSyncsFieldsBringsADeletedContactBackByEmail() {
    // contact/sync is an upsert by email: the fields it carries bring the contact back (decision
    // 0014)
    h.deliver(identify("m1", "u1", janeKim("plan", "free")));
    h.sandbox.deleteContact("jane.kim@example.com");

    h.deliver(identify("m2", "u1", obj("email", "jane.kim@example.com", "plan", "pro")));

    assertThat(h.message("m2").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.contact("jane.kim@example.com").path("fields").path("PLAN").asText())
        .isEqualTo("pro");
  }

  @Test
  void aFieldDeletedInTheAccountStopsBeingSentAndItsTraitIsUnmatched() {
    h.deliver(identify("m1", "u1", janeKim("shirtSize", "small", "state", "Ohio")));
    h.sandbox.deleteField("SHIRT_SIZE");

    h.deliver(identify("m2", "u1", janeKim("shirtSize", "large", "state", "Iowa")));

    assertThat(h.message("m2").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.message("m2").unmapped())
        .containsExactly("shirtSize: no custom field with this key or name");
    assertThat(h.contact("jane.kim@example.com").path("fields").path("STATE").asText())
        .isEqualTo("Iowa");
    assertThat(h.requests("GET /api/3/fields"))
        .as("read again once the account refused the field")
        .isEqualTo(2);
  }

  @Test
  void aFieldDeletedInTheAccountIsNoticedByTheCataloguesPeriodicReadEvenIfNoRequestFails() {
    h.close();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    h = new SandboxHarness(clock);
    h.deliver(identify("m1", "u1", janeKim("state", "Ohio")));
    h.sandbox.deleteField("SHIRT_SIZE"); // a field this contact's identifies have not used yet
    clock.advance(FieldCatalogue.REFRESH_EVERY.plus(Duration.ofSeconds(1)));

    h.deliver(identify("m2", "u1", janeKim("state", "Iowa", "shirtSize", "large")));

    assertThat(h.message("m2").unmapped())
        .containsExactly("shirtSize: no custom field with this key or name");
    assertThat(h.requests("POST /api/3/contact/sync"))
        .as("no refused sync: the copy was already fresh")
        .isEqualTo(2);
    assertThat(h.requests("GET /api/3/fields")).isEqualTo(2);
  }

  @Test
  void inAnAccountOfTenThousandTagsAndThreeHundredFieldsAnIdentifyCostsAFewBoundedRequests() {
    h.sandbox.createTags("campaign", 10_000);
    h.sandbox.createFields("extra", 300);
    h.sandbox.createTag("vip");

    h.deliver(
        identify("m1", "u1", janeKim("tags", arr("vip", "campaign-9999"), "extra_299", "yes")));

    JsonNode jane = h.contact("jane.kim@example.com");
    assertThat(texts(jane.path("tags"))).containsExactly("vip", "campaign-9999");
    assertThat(jane.path("fields").path("EXTRA_299").asText()).isEqualTo("yes");
    assertThat(h.requests("GET /api/3/tags"))
        .as("one search per name, never the catalogue")
        .isEqualTo(2);
    assertThat(h.requests("GET /api/3/fields")).as("306 fields, 100 a page").isEqualTo(4);
    assertThat(h.requests()).as("4 field pages, the sync, 2 searches, 2 attachments").isEqualTo(9);
  }

  @Test
  void theTagCacheIsBounded() {
    TagCatalogue small = new TagCatalogue(h.http(), 50);
    h.sandbox.createTags("t", 120);
    for (int i = 0; i < 120; i++) {
      small.idOf(new Tag("t-" + i), DeliveryContext.NONE);
    }
    assertThat(small.cached()).isEqualTo(50);
    int searches = h.requests("GET /api/3/tags");
    small.idOf(new Tag("t-119"), DeliveryContext.NONE);
    assertThat(h.requests("GET /api/3/tags"))
        .as("a recent tag is still cached")
        .isEqualTo(searches);
    small.idOf(new Tag("t-0"), DeliveryContext.NONE);
    assertThat(h.requests("GET /api/3/tags"))
        .as("the eldest was let go, and is searched for again")
        .isEqualTo(searches + 1);
  }
}
