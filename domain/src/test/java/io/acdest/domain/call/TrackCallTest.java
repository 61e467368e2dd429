package io.acdest.domain.call;

import static io.acdest.domain.call.Json.call;
import static io.acdest.domain.call.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.EventValue;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.model.TrackedEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackCallTest {

  private static TrackCall map(Map<String, Object> event) {
    Map<String, Object> withUser = obj("userId", "ze8rt1u89");
    withUser.putAll(event);
    return (TrackCall) CallMapping.map(call("track", withUser));
  }

  @Test
  void documentationExampleSendsClickedAButtonWithSignupButton() {
    // analytics.track('Clicked a button', {properties: {acValue: 'Signup button'}})
    TrackCall track =
        map(
            obj(
                "event",
                "Clicked a button",
                "properties",
                obj("properties", obj("acValue", "Signup button"))));

    TrackedEvent event = track.toEvent(new EmailAddress("jane.kim@example.com"));
    assertThat(event.name().value()).isEqualTo("Clicked a button");
    assertThat(event.value()).contains(new EventValue("Signup button"));
    assertThat(event.occurredAt()).isEqualTo(Json.RECEIVED_AT);
  }

  @Test
  void theSingleValuedPropertiesTravelWithTheEventAsTextInTheirOrder() {
    TrackCall track =
        map(
            obj(
                "event",
                "Order Completed",
                "properties",
                obj(
                    "acValue",
                    19.90,
                    "currency",
                    "EUR",
                    "coupon",
                    true,
                    "items",
                    java.util.List.of("a", "b"),
                    "shipping",
                    obj("city", "Lyon"),
                    "note",
                    null,
                    "quantity",
                    3,
                    "big",
                    1.5e3)));

    assertThat(track.toEvent(new EmailAddress("jane.kim@example.com")).properties())
        .containsExactly(
            Map.entry("acValue", "19.9"),
            Map.entry("currency", "EUR"),
            Map.entry("coupon", "true"),
            Map.entry("quantity", "3"),
            Map.entry("big", "1500"));
  }

  @Test
  void acValueDirectlyUnderPropertiesWinsOverTheNestedOne() {
    TrackCall track =
        map(
            obj(
                "event",
                "Clicked a button",
                "properties",
                obj("acValue", 12.5, "properties", obj("acValue", "nested"))));
    assertThat(track.value()).contains(new EventValue(12.5));
    assertThat(track.value().orElseThrow().isText()).isFalse();
  }

  @Test
  void noAcValueSendsNoValue() {
    assertThat(map(obj("event", "Clicked a button", "properties", obj("plan", "pro"))).value())
        .isEmpty();
  }

  @Test
  void theEventNameIsRequired() {
    for (Map<String, Object> event : new Map[] {obj(), obj("event", ""), obj("event", null)}) {
      assertThatThrownBy(() -> map(event))
          .isInstanceOfSatisfying(
              InvalidField.class,
              e -> {
                assertThat(e.code()).isEqualTo(InvalidField.Code.MISSING_EVENT);
                assertThat(e.getMessage()).isEqualTo("event is required for track calls");
              });
    }
    assertThatThrownBy(() -> map(obj("event", 7))).hasMessage("event must be a string");
  }

  @Test
  void aLongEventNameIsKeptWholeForTheCrmAdapterToFit() {
    String name = "Clicked the big green signup button on the pricing page";
    TrackCall track = map(obj("event", name));
    assertThat(track.event().value()).isEqualTo(name);
    assertThat(track.warnings()).isEmpty();
  }

  @Test
  void emailIsLookedForInPropertiesThenContextTraitsThenTheDirectory() {
    TrackCall track =
        map(
            obj(
                "anonymousId",
                "anon-1",
                "event",
                "Clicked a button",
                "properties",
                obj("email", "buyer@example.com"),
                "context",
                obj("traits", obj("email", "jane.kim@example.com"))));
    assertThat(track.emailSources())
        .containsExactly(
            new EmailSource.Given(new EmailAddress("buyer@example.com"), "properties.email"),
            new EmailSource.Given(new EmailAddress("jane.kim@example.com"), "context.traits.email"),
            new EmailSource.KnownUser("ze8rt1u89"),
            new EmailSource.KnownAnonymous("anon-1"));
  }

  @Test
  void withoutAnEmailOnlyTheDirectoryIsLeft() {
    assertThat(map(obj("event", "Clicked a button")).emailSources())
        .containsExactly(new EmailSource.KnownUser("ze8rt1u89"));
  }
}
