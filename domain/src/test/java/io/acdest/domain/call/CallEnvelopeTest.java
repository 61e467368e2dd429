package io.acdest.domain.call;

import static io.acdest.domain.call.Json.call;
import static io.acdest.domain.call.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.domain.message.MessageId;
import io.acdest.domain.model.InvalidField;
import org.junit.jupiter.api.Test;

class CallEnvelopeTest {

  @Test
  void aCallWithNeitherUserIdNorAnonymousIdIsRejected() {
    assertThatThrownBy(() -> CallEnvelope.read(call("track", obj("event", "x"))))
        .isInstanceOfSatisfying(
            InvalidField.class,
            e -> assertThat(e.code()).isEqualTo(InvalidField.Code.MISSING_IDENTITY))
        .hasMessage("userId or anonymousId is required");
  }

  @Test
  void numericIdsAreTakenAsText() {
    CallEnvelope envelope = CallEnvelope.read(call("track", obj("userId", 12345, "event", "x")));
    assertThat(envelope.identity().userId()).contains("12345");
    assertThatThrownBy(() -> CallEnvelope.read(call("track", obj("userId", obj("id", 1)))))
        .hasMessage("userId must be a string");
  }

  @Test
  void theMessageIdIsReadWhenSent() {
    assertThat(CallEnvelope.messageId(CallFields.root(obj("messageId", "m-1"))))
        .contains(new MessageId("m-1"));
    assertThat(CallEnvelope.messageId(CallFields.root(obj()))).isEmpty();
    assertThatThrownBy(
            () -> CallEnvelope.messageId(CallFields.root(obj("messageId", "x".repeat(256)))))
        .hasMessage("messageId must be at most 255 characters");
  }

  @Test
  void anUnknownTypeIsAnError() {
    assertThatThrownBy(() -> CallEnvelope.read(call("purchase", obj("userId", "u1"))))
        .hasMessage("type must be one of identify, track, page, screen, group, alias");
  }

  @Test
  void wrongTypedContextOrIntegrationsAreErrors() {
    assertThatThrownBy(
            () -> CallEnvelope.read(call("track", obj("userId", "u1", "context", "web"))))
        .hasMessage("context must be an object");
    assertThatThrownBy(
            () -> CallEnvelope.read(call("track", obj("userId", "u1", "integrations", false))))
        .hasMessage("integrations must be an object");
  }

  @Test
  void orderingIsByUserIdElseAnonymousId() {
    assertThat(
            CallEnvelope.read(call("track", obj("userId", "u1", "anonymousId", "a1")))
                .orderingKey())
        .isEqualTo(new OrderingKey("user:u1"));
    assertThat(CallEnvelope.read(call("track", obj("anonymousId", "a1"))).orderingKey())
        .isEqualTo(new OrderingKey("anon:a1"));
  }
}
