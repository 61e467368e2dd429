package io.acdest.domain.call;

import static io.acdest.domain.call.Json.call;
import static io.acdest.domain.call.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallMappingTest {

  @Test
  void eachTypeGoesToItsOwnRules() {
    assertThat(CallMapping.map(call("identify", obj("userId", "u1"))))
        .isInstanceOf(IdentifyCall.class);
    assertThat(CallMapping.map(call("track", obj("userId", "u1", "event", "x"))))
        .isInstanceOf(TrackCall.class);
    assertThat(
            CallMapping.map(
                call("page", obj("userId", "u1", "properties", obj("url", "https://a.example/")))))
        .isInstanceOf(PageCall.class);
  }

  @Test
  void screenAndGroupAreStoredButNotDelivered() {
    MappedCall screen = CallMapping.map(call("screen", obj("userId", "u1", "name", "Home")));
    assertThat(screen)
        .isInstanceOfSatisfying(
            IgnoredCall.class,
            ignored ->
                assertThat(ignored.reason())
                    .isEqualTo("screen calls are stored but not delivered to the CRM"));
    assertThat(screen.isDeliverable()).isFalse();
    assertThat(CallMapping.map(call("group", obj("userId", "u1", "groupId", "g1"))).isDeliverable())
        .isFalse();
  }

  @Test
  void aliasLinksThePreviousIdToTheUserId() {
    MappedCall alias = CallMapping.map(call("alias", obj("userId", "u1", "previousId", "anon-7")));
    assertThat(alias).isEqualTo(new AliasCall(alias.envelope(), "anon-7", "u1"));
    assertThat(alias.isDeliverable()).isFalse();
    assertThatThrownBy(() -> CallMapping.map(call("alias", obj("userId", "u1"))))
        .hasMessage("previousId is required for alias calls");
    assertThatThrownBy(
            () -> CallMapping.map(call("alias", obj("anonymousId", "a1", "previousId", "a0"))))
        .hasMessage("userId is required for alias calls");
  }
}
