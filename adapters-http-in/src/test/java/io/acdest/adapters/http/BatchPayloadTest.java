package io.acdest.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.message.SourceId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchPayloadTest {
  private static final SourceId SOURCE = new SourceId("web");
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private final TrackingJson json =
      Guice.createInjector(new HttpInModule()).getInstance(TrackingJson.class);

  private Map<String, Object> parse(String body) {
    return json.parseObject(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void batchContextAndIntegrationsAreMergedIntoEachEventWhoseOwnKeysWin() {
    List<ReceivedCall> calls =
        BatchPayload.fromBatchBody(
                parse(
                    """
        {"batch": [
           {"type": "identify", "userId": "u1", "context": {"ip": "10.0.0.1", "library": {"name": "own"}}},
           {"type": "track", "userId": "u1", "event": "Clicked a button", "integrations": {"ActiveCampaign": true}}
         ],
         "context": {"library": {"name": "analytics-java", "version": "3.5.1"}},
         "integrations": {"All": false},
         "sentAt": "2026-11-28T09:59:59Z"}
        """))
            .toCalls(SOURCE, NOW);

    assertThat(calls).extracting(ReceivedCall::type).containsExactly("identify", "track");
    Map<String, Object> first = calls.get(0).event().asMap();
    assertThat(first.get("context"))
        .isEqualTo(Map.of("ip", "10.0.0.1", "library", Map.of("name", "own")));
    assertThat(first.get("integrations")).isEqualTo(Map.of("All", false));
    assertThat(first.get("sentAt")).isEqualTo("2026-11-28T09:59:59Z");
    Map<String, Object> second = calls.get(1).event().asMap();
    assertThat(second.get("context"))
        .isEqualTo(Map.of("library", Map.of("name", "analytics-java", "version", "3.5.1")));
    assertThat(second.get("integrations")).isEqualTo(Map.of("All", false, "ActiveCampaign", true));
  }

  @Test
  void aSingleEventEndpointDecidesTheType() {
    List<ReceivedCall> calls =
        BatchPayload.fromSingleEvent(
                "identify",
                parse(
                    """
        {"userId": "ze8rt1u89", "type": "track", "traits": {"email": "jane.kim@example.com"}}
        """))
            .toCalls(SOURCE, NOW);
    assertThat(calls)
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.type()).isEqualTo("identify");
              assertThat(call.receivedAt()).isEqualTo(NOW);
              assertThat(call.source()).isEqualTo(SOURCE);
            });
  }

  @Test
  void bodiesThatCanNeverBeAcceptedAreRejectedWithAReason() {
    assertThatThrownBy(() -> parse("{\"batch\": ["))
        .isInstanceOfSatisfying(
            PayloadRejected.class, e -> assertThat(e.code()).isEqualTo("invalid_json"));
    assertThatThrownBy(() -> parse("[1, 2]")).hasMessage("body must be a JSON object");
    assertThatThrownBy(() -> parse("{} {}")).hasMessageStartingWith("body is not valid JSON");
    assertThatThrownBy(() -> BatchPayload.fromBatchBody(parse("{\"batch\": {}}")))
        .hasMessage("batch must be an array of events");
    assertThatThrownBy(() -> BatchPayload.fromBatchBody(parse("{\"batch\": [{}, 3]}")))
        .hasMessage("batch[1] must be an object");
  }

  @Test
  void moreThan2500EventsIsTooMany() {
    String body = "{\"batch\": [" + "{},".repeat(2500) + "{}]}";
    assertThatThrownBy(() -> BatchPayload.fromBatchBody(parse(body)))
        .isInstanceOfSatisfying(
            PayloadRejected.class, e -> assertThat(e.code()).isEqualTo("too_many_events"));
  }

  @Test
  void deepNestingIsRefusedBeforeItCanHurt() {
    String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
    assertThatThrownBy(() -> parse(deep))
        .isInstanceOf(PayloadRejected.class)
        .hasMessageContaining("exceeds a parsing limit");
  }

  @Test
  void decimalsKeepTheirExactValue() {
    Map<String, Object> event = parse("{\"price\": 0.1}");
    assertThat(event.get("price").toString()).isEqualTo("0.1");
  }
}
