package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.Analytics;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import io.acdest.adapters.persistence.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Segment's own Java library, unmodified, sends the destination documentation's examples to the running service;
 * the sandbox ends up holding exactly what the documentation promises.
 */
class SegmentClientEndToEndTest {
  private final RunningService service =
      new RunningService(TestDatabase.newDatabaseSettings(10), Map.of());

  @AfterEach
  void stop() {
    service.close();
  }

  private static Map<String, Object> janeKim(Object... more) {
    Map<String, Object> traits = new LinkedHashMap<>();
    traits.put("firstName", "Jane");
    traits.put("lastName", "Kim");
    traits.put("email", "jane.kim@example.com");
    for (int i = 0; i < more.length; i += 2) {
      traits.put((String) more[i], more[i + 1]);
    }
    return traits;
  }

  private JsonNode jane() {
    for (JsonNode contact : service.sandbox().state().path("contacts")) {
      if (contact.path("email").asText().equals("jane.kim@example.com")) {
        return contact;
      }
    }
    return null;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  @Test
  void theDocumentationsExamplesLandInActiveCampaignAsDocumented() {
    Analytics analytics =
        Analytics.builder(RunningService.WRITE_KEY).endpoint(service.url()).build();
    // analytics.identify('ze8rt1u89', {firstName: 'Jane', lastName: 'Kim', email:
    // 'jane.kim@example.com'})
    analytics.enqueue(
        IdentifyMessage.builder().userId("ze8rt1u89").traits(janeKim("tags", List.of("old-tag"))));
    // tags: ['checkout', 'abandoned'], tagsReset: 1
    analytics.enqueue(
        IdentifyMessage.builder()
            .userId("ze8rt1u89")
            .traits(janeKim("tags", List.of("checkout", "abandoned"), "tagsReset", 1)));
    // shirtSize: 'medium', state: 'California', multiChoice: [Value1, Value2]
    analytics.enqueue(
        IdentifyMessage.builder()
            .userId("ze8rt1u89")
            .traits(
                janeKim(
                    "shirtSize",
                    "medium",
                    "state",
                    "California",
                    "multiChoice",
                    List.of("Value1", "Value2"))));
    // lists: [{id: 1, status: 'active'}, {id: 7, status: 'unsubscribed'}]
    analytics.enqueue(
        IdentifyMessage.builder()
            .userId("ze8rt1u89")
            .traits(
                janeKim(
                    "lists",
                    List.of(
                        Map.of("id", 1, "status", "active"),
                        Map.of("id", 7, "status", "unsubscribed")))));
    // analytics.track('Clicked a button', {properties: {acValue: 'Signup button'}})
    analytics.enqueue(
        TrackMessage.builder("Clicked a button")
            .userId("ze8rt1u89")
            .properties(Map.of("properties", Map.of("acValue", "Signup button"))));
    analytics.enqueue(
        PageMessage.builder("Pricing")
            .userId("ze8rt1u89")
            .properties(
                Map.of(
                    "url",
                    "https://shop.example.com/pricing",
                    "referrer",
                    "https://news.example.org/")));
    analytics.flush();
    analytics.shutdown();

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              JsonNode tracking = service.sandbox().state().path("tracking");
              assertThat(tracking.path("visits")).hasSize(1);
              assertThat(tracking.path("events")).hasSize(1);
            });

    JsonNode jane = jane();
    assertThat(jane.path("firstName").asText()).isEqualTo("Jane");
    assertThat(jane.path("lastName").asText()).isEqualTo("Kim");
    assertThat(texts(jane.path("tags"))).containsExactlyInAnyOrder("checkout", "abandoned");
    assertThat(jane.path("fields").path("SHIRT_SIZE").asText()).isEqualTo("medium");
    assertThat(jane.path("fields").path("STATE").asText()).isEqualTo("California");
    assertThat(jane.path("fields").path("MULTI_CHOICE").asText()).isEqualTo("||Value1||Value2||");
    assertThat(jane.path("lists").path("1").asText()).isEqualTo("1");
    assertThat(jane.path("lists").path("7").asText()).isEqualTo("2");
    assertThat(service.sandbox().state().path("contacts")).hasSize(1);

    JsonNode tracking = service.sandbox().state().path("tracking");
    JsonNode event = tracking.path("events").get(0);
    assertThat(event.path("event").asText()).isEqualTo("Clicked a button");
    assertThat(event.path("eventdata").asText()).isEqualTo("Signup button");
    assertThat(event.path("email").asText()).isEqualTo("jane.kim@example.com");
    JsonNode visit = tracking.path("visits").get(0);
    assertThat(visit.path("url").asText()).isEqualTo("https://shop.example.com/pricing");
    assertThat(visit.path("referrer").asText()).isEqualTo("https://news.example.org/");
    assertThat(visit.path("email").asText()).isEqualTo("jane.kim@example.com");
    assertThat(texts(tracking.path("domains"))).containsExactly("shop.example.com");
  }
}
