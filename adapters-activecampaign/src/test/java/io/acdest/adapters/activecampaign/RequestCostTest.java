package io.acdest.adapters.activecampaign;

import static io.acdest.adapters.activecampaign.SandboxHarness.arr;
import static io.acdest.adapters.activecampaign.SandboxHarness.identify;
import static io.acdest.adapters.activecampaign.SandboxHarness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ActiveCampaign requests per identify in steady state (catalogues cached, tags existing), counted by the
 * sandbox. These are the figures of docs/performance.md; a change that costs a request more fails here.
 */
class RequestCostTest {
  private final SandboxHarness h = new SandboxHarness();
  private int next;

  @AfterEach
  void close() {
    h.close();
  }

  /** Requests the sandbox received for delivering this identify. */
  private int cost(String userId, Map<String, Object> traits) {
    int before = h.requests();
    h.deliver(identify("m" + next++, userId, traits));
    return h.requests() - before;
  }

  /** A first identify of a new person (a contact the service has not synced yet). */
  private int firstIdentify(Object... more) {
    int n = next;
    Map<String, Object> traits =
        new LinkedHashMap<>(
            obj(
                "firstName",
                "User",
                "lastName",
                "Number" + n,
                "email",
                "user" + n + "@example.com"));
    traits.putAll(obj(more));
    return cost("user-" + n, traits);
  }

  @Test
  void firstIdentifyOfAContact() {
    firstIdentify(
        "shirtSize", "small", "tags", arr("checkout", "abandoned", "vip")); // warm the catalogues

    assertThat(firstIdentify()).as("basic fields only").isEqualTo(1);
    assertThat(firstIdentify("shirtSize", "medium", "state", "California"))
        .as("+2 custom fields")
        .isEqualTo(1);
    assertThat(firstIdentify("tags", arr("checkout", "abandoned")))
        .as("+2 existing tags")
        .isEqualTo(3);
    // a tag the service has not seen is searched for (1), created when the account has none (1),
    // attached (1)
    assertThat(firstIdentify("tags", arr("brand-new", "also-new"))).as("+2 new tags").isEqualTo(7);
    assertThat(
            firstIdentify(
                "lists",
                arr(obj("id", 1, "status", "active"), obj("id", 7, "status", "unsubscribed"))))
        .as("+2 lists")
        .isEqualTo(3);
    // reset lists the contact's tags (1) and deletes each (none yet), then attaches the 2
    assertThat(firstIdentify("tags", arr("checkout", "abandoned"), "tagsReset", 1))
        .as("+tagsReset")
        .isEqualTo(4);
    // the peer's case: 3 tags, 2 lists and custom fields in one identify
    assertThat(
            firstIdentify(
                "shirtSize",
                "large",
                "state",
                "Ohio",
                "tags",
                arr("checkout", "abandoned", "vip"),
                "lists",
                arr(obj("id", 1, "status", "active"), obj("id", 2, "status", "active"))))
        .as("3 tags, 2 lists, custom fields")
        .isEqualTo(6);
  }

  @Test
  void laterIdentifiesOfAKnownContactSendOnlyWhatChanged() {
    Map<String, Object> jane =
        SandboxHarness.janeKim(
            "shirtSize",
            "small",
            "tags",
            arr("checkout", "abandoned"),
            "lists",
            arr(obj("id", 1, "status", "active"), obj("id", 7, "status", "unsubscribed")));
    // cold catalogues: fields (1), sync (1), 2 tag searches, 2 tag creations, 2 attachments, 2
    // lists
    assertThat(cost("ze8rt1u89", jane)).as("first, catalogues cold").isEqualTo(10);

    assertThat(cost("ze8rt1u89", jane)).as("the same again").isZero();
    Map<String, Object> field = new LinkedHashMap<>(jane);
    field.put("shirtSize", "large");
    assertThat(cost("ze8rt1u89", field)).as("one custom field changed").isEqualTo(1);
    Map<String, Object> tag = new LinkedHashMap<>(field);
    tag.put("tags", arr("checkout", "abandoned", "vip"));
    assertThat(cost("ze8rt1u89", tag))
        .as("one tag more (the tag is new to the account)")
        .isEqualTo(3);
    Map<String, Object> list = new LinkedHashMap<>(tag);
    list.put("lists", arr(obj("id", 1, "status", "active"), obj("id", 7, "status", "active")));
    assertThat(cost("ze8rt1u89", list)).as("one list status changed").isEqualTo(1);
    Map<String, Object> reset = new LinkedHashMap<>(list);
    reset.put("tags", arr("checkout"));
    reset.put("tagsReset", 1);
    // tagsReset always re-reads the tags: list (1), delete the 3 (3), attach checkout (1)
    assertThat(cost("ze8rt1u89", reset)).as("tagsReset").isEqualTo(5);
  }
}
