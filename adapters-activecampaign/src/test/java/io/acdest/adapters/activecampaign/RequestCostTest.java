package io.acdest.adapters.activecampaign;

import static io.acdest.adapters.activecampaign.SandboxHarness.arr;
import static io.acdest.adapters.activecampaign.SandboxHarness.identify;
import static io.acdest.adapters.activecampaign.SandboxHarness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ActiveCampaign requests per identify in steady state (catalogues warm, tags and contact existing), counted by
 * the sandbox. These are the figures of docs/performance.md; a change that costs a request more fails here.
 */
class RequestCostTest {
  private final SandboxHarness h = new SandboxHarness();
  private int next;

  @AfterEach
  void close() {
    h.close();
  }

  /** Requests the sandbox received for delivering this identify of Jane. */
  private int cost(Map<String, Object> traits) {
    int before = h.requests();
    h.deliver(identify("m" + next++, "ze8rt1u89", traits));
    return h.requests() - before;
  }

  private static Map<String, Object> jane(Object... more) {
    return SandboxHarness.janeKim(more);
  }

  @Test
  void steadyStateCosts() {
    // warm up: the field and tag catalogues are read, the tags exist
    cost(jane("shirtSize", "small", "tags", arr("checkout", "abandoned", "vip")));

    assertThat(cost(jane())).as("basic fields only").isEqualTo(1);
    assertThat(cost(jane("shirtSize", "medium", "state", "California"))).as("+2 custom fields").isEqualTo(1);
    assertThat(cost(jane("tags", arr("checkout", "abandoned")))).as("+2 existing tags").isEqualTo(3);
    assertThat(cost(jane("tags", arr("brand-new", "also-new")))).as("+2 new tags").isEqualTo(5);
    assertThat(cost(jane("lists", arr(obj("id", 1, "status", "active"), obj("id", 7, "status", "unsubscribed")))))
        .as("+2 lists").isEqualTo(3);
    // Jane has 5 tags now: reset lists them (1), deletes each (5), then attaches the 2 (2)
    assertThat(cost(jane("tags", arr("checkout", "abandoned"), "tagsReset", 1))).as("+tagsReset").isEqualTo(9);
    // the peer's case: 3 tags, 2 lists and custom fields in one identify
    assertThat(cost(jane("shirtSize", "large", "state", "Ohio", "tags", arr("checkout", "abandoned", "vip"),
        "lists", arr(obj("id", 1, "status", "active"), obj("id", 2, "status", "active")))))
        .as("3 tags, 2 lists, custom fields").isEqualTo(6);
  }
}
