package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import io.acdest.adapters.persistence.TestDatabase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One contract, every CRM adapter: the seed's scenarios (docs/behaviour.md §3's examples: Jane Kim with fields, tags,
 * tagsReset and lists; a nameless identify; a track with acValue; a page) sent by Segment's own Java library to the
 * running service on the adapter's embedded sandbox, and what the CRM then holds, read through a {@link CrmView} of
 * the adapter's own. A subclass per adapter says how to start the service for it and how to read its sandbox.
 */
abstract class SeedScenariosContract {
  static final String JANE = "jane.kim@example.com";
  RunningService service;
  CrmView crm;

  /** What the CRM holds, in the contract's terms, read from one adapter's sandbox. */
  interface CrmView {
    /** The id the CRM gives the scenario's n-th list (0: the one subscribed, 1: the one unsubscribed from). */
    Object listId(int n);

    Optional<Person> person(String email);

    /** The events recorded for the person: name as the CRM keeps it, and the value sent with it. */
    List<Event> events(String email);

    /** The event name as the CRM keeps a track's name. */
    String eventName(String trackName);

    /** Whether the CRM keeps site visits; when not, a page is skipped with a reason naming that. */
    boolean keepsSiteVisits();

    /** The urls of the person's recorded site visits. */
    List<String> visits(String email);
  }

  /** A contact: first and last name, custom fields (by trait name; list values as their items), tags, lists. */
  record Person(
      String firstName,
      String lastName,
      Map<String, List<String>> fields,
      Set<String> tags,
      Map<String, String> lists) {}

  record Event(String name, String value) {}

  abstract CrmView view(RunningService service);

  /** The environment that selects the adapter (on its embedded sandbox). */
  abstract Map<String, String> environment();

  @BeforeEach
  void start() {
    service = new RunningService(TestDatabase.newDatabaseSettings(10), environment());
    crm = view(service);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private static Map<String, Object> janeKim(Object... more) {
    Map<String, Object> traits = new LinkedHashMap<>();
    traits.put("firstName", "Jane");
    traits.put("lastName", "Kim");
    traits.put("email", JANE);
    for (int i = 0; i < more.length; i += 2) {
      traits.put((String) more[i], more[i + 1]);
    }
    return traits;
  }

  private Analytics segment() {
    return Analytics.builder(RunningService.WRITE_KEY).endpoint(service.url()).build();
  }

  private void send(Analytics analytics) {
    analytics.flush();
    analytics.shutdown();
  }

  private void awaitState(String messageId, String state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(service.stateOf(messageId)).isEqualTo(state));
  }

  @Test
  void janeKimWithFieldsTagsResetAndLists() {
    Analytics analytics = segment();
    // analytics.identify('ze8rt1u89', {firstName: 'Jane', lastName: 'Kim', email:
    // 'jane.kim@example.com'})
    analytics.enqueue(
        IdentifyMessage.builder()
            .userId("ze8rt1u89")
            .messageId("i1")
            .traits(janeKim("tags", List.of("old-tag"))));
    // tags: ['checkout', 'abandoned'], tagsReset: 1
    analytics.enqueue(
        IdentifyMessage.builder()
            .userId("ze8rt1u89")
            .messageId("i2")
            .traits(janeKim("tags", List.of("checkout", "abandoned"), "tagsReset", 1)));
    // shirtSize: 'medium', state: 'California', multiChoice: [Value1, Value2]
    analytics.enqueue(
        IdentifyMessage.builder()
            .userId("ze8rt1u89")
            .messageId("i3")
            .traits(
                janeKim(
                    "shirtSize",
                    "medium",
                    "state",
                    "California",
                    "multiChoice",
                    List.of("Value1", "Value2"))));
    // lists: [{id: 1, status: 'active'}, {id: 7, status: 'unsubscribed'}] (in the CRM's own list
    // ids)
    analytics.enqueue(
        IdentifyMessage.builder()
            .userId("ze8rt1u89")
            .messageId("i4")
            .traits(
                janeKim(
                    "lists",
                    List.of(
                        Map.of("id", crm.listId(0), "status", "active"),
                        Map.of("id", crm.listId(1), "status", "unsubscribed")))));
    send(analytics);
    awaitState("i4", "delivered");

    Person jane = crm.person(JANE).orElseThrow();
    assertThat(jane.firstName()).isEqualTo("Jane");
    assertThat(jane.lastName()).isEqualTo("Kim");
    assertThat(jane.tags()).containsExactlyInAnyOrder("checkout", "abandoned");
    assertThat(jane.fields())
        .containsEntry("shirtSize", List.of("medium"))
        .containsEntry("state", List.of("California"))
        .containsEntry("multiChoice", List.of("Value1", "Value2"));
    assertThat(jane.lists())
        .containsEntry(String.valueOf(crm.listId(0)), "subscribed")
        .containsEntry(String.valueOf(crm.listId(1)), "unsubscribed");
    for (String id : List.of("i1", "i2", "i3")) {
      assertThat(service.stateOf(id)).isEqualTo("delivered");
    }
  }

  @Test
  void aNamelessIdentifyCreatesNoContact() {
    Analytics analytics = segment();
    analytics.enqueue(
        IdentifyMessage.builder()
            .userId("u-nameless")
            .messageId("n1")
            .traits(Map.of("email", "no.name@example.com", "plan", "pro")));
    send(analytics);

    awaitState("n1", "skipped");
    assertThat(crm.person("no.name@example.com")).isEmpty();
  }

  @Test
  void aTrackWithAcValueIsAnEventForTheUsersContact() {
    Analytics analytics = segment();
    analytics.enqueue(
        IdentifyMessage.builder().userId("ze8rt1u89").messageId("i1").traits(janeKim()));
    // analytics.track('Clicked a button', {properties: {acValue: 'Signup button'}})
    analytics.enqueue(
        TrackMessage.builder("Clicked a button")
            .userId("ze8rt1u89")
            .messageId("t1")
            .properties(Map.of("acValue", "Signup button")));
    send(analytics);

    awaitState("t1", "delivered");
    assertThat(crm.events(JANE))
        .containsExactly(new Event(crm.eventName("Clicked a button"), "Signup button"));
  }

  @Test
  void aPageIsASiteVisitOrSkippedWithTheCrmsReason() {
    Analytics analytics = segment();
    analytics.enqueue(
        IdentifyMessage.builder().userId("ze8rt1u89").messageId("i1").traits(janeKim()));
    analytics.enqueue(
        PageMessage.builder("Pricing")
            .userId("ze8rt1u89")
            .messageId("p1")
            .properties(
                Map.of(
                    "url",
                    "https://shop.example.com/pricing",
                    "referrer",
                    "https://news.example.org/")));
    send(analytics);

    if (crm.keepsSiteVisits()) {
      awaitState("p1", "delivered");
      assertThat(crm.visits(JANE)).containsExactly("https://shop.example.com/pricing");
    } else {
      awaitState("p1", "skipped");
      assertThat(
              service.admin("/admin/messages/p1").path("messages").path(0).path("reason").asText())
          .contains("site visits");
      assertThat(crm.visits(JANE)).isEmpty();
    }
  }
}
