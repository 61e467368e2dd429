package io.acdest.application;

import static io.acdest.application.Harness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.domain.message.MessageState;
import io.acdest.domain.model.EventValue;
import org.junit.jupiter.api.Test;

/** Track and page deliveries: the email is resolved at delivery, after the same user's earlier calls. */
class ActivityDeliveryTest {
  private final Harness h = new Harness();

  @Test
  void anIdentifyAndATrackInOneBatchReachTheSameContact() {
    h.accept(
        obj("type", "identify", "messageId", "i1", "userId", "ze8rt1u89",
            "traits", obj("firstName", "Jane", "lastName", "Kim", "email", "jane.kim@example.com")),
        obj("type", "track", "messageId", "t1", "userId", "ze8rt1u89", "event", "Clicked a button",
            "properties", obj("properties", obj("acValue", "Signup button"))));
    h.deliverDue();

    assertThat(h.crm.events()).singleElement().satisfies(event -> {
      assertThat(event.email().value()).isEqualTo("jane.kim@example.com");
      assertThat(event.name().value()).isEqualTo("Clicked a button");
      assertThat(event.value()).contains(new EventValue("Signup button"));
    });
    assertThat(h.crm.requests()).containsExactly(
        "sync jane.kim@example.com", "trackEvent jane.kim@example.com Clicked a button");
    assertThat(h.message("t1").state()).isEqualTo(MessageState.DELIVERED);
  }

  @Test
  void anAnonymousVisitorsPageIsDeliveredWithTheEmailOnceTheVisitorIdentifies() {
    // a browser: a page view while anonymous, delivered (and skipped: no email) before the sign-up is sent
    h.accept(obj("type", "page", "messageId", "p1", "anonymousId", "anon-1",
        "properties", obj("url", "https://shop.example/pricing")));
    h.deliverDue();
    assertThat(h.message("p1").state()).isEqualTo(MessageState.SKIPPED);

    h.accept(obj("type", "identify", "messageId", "i1", "userId", "u1", "anonymousId", "anon-1",
        "traits", obj("firstName", "Jane", "lastName", "Kim", "email", "jane.kim@example.com")));
    h.deliverDue();

    assertThat(h.message("p1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.crm.visits()).singleElement()
        .satisfies(visit -> assertThat(visit.email().value()).isEqualTo("jane.kim@example.com"));
  }

  @Test
  void anIdentifyRevivesOnlyItsOwnVisitorsSkippedCalls() {
    h.accept(obj("type", "track", "messageId", "t1", "anonymousId", "anon-1", "event", "Viewed"),
        obj("type", "track", "messageId", "t2", "anonymousId", "anon-2", "event", "Viewed"));
    h.deliverDue();
    h.accept(obj("type", "identify", "messageId", "i1", "userId", "u1", "anonymousId", "anon-1",
        "traits", obj("firstName", "Jane", "email", "jane.kim@example.com")));
    h.deliverDue();
    assertThat(h.message("t1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.message("t2").state()).isEqualTo(MessageState.SKIPPED);
  }

  @Test
  void aTrackWithItsOwnEmailNeedsNoDirectory() {
    h.accept(obj("type", "track", "messageId", "t1", "anonymousId", "a1", "event", "Clicked a button",
        "properties", obj("email", "buyer@example.com")));
    h.deliverDue();
    assertThat(h.crm.events()).singleElement().satisfies(e -> assertThat(e.email().value()).isEqualTo("buyer@example.com"));
  }

  @Test
  void aTrackForAUserWithNoKnownEmailIsSkipped() {
    h.accept(obj("type", "track", "messageId", "t1", "userId", "stranger", "event", "Clicked a button"));
    h.deliverDue();
    assertThat(h.message("t1").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(h.message("t1").reason()).contains("no email for user");
    assertThat(h.crm.requests()).isEmpty();
  }

  @Test
  void aPageIsRecordedAsAVisitForTheAnonymousUsersContact() {
    h.accept(obj("type", "identify", "messageId", "i1", "anonymousId", "a1",
        "traits", obj("firstName", "Jane", "email", "jane.kim@example.com")));
    h.accept(obj("type", "page", "messageId", "p1", "anonymousId", "a1",
        "context", obj("page", obj("url", "https://shop.example.com/pricing", "referrer", "https://google.com/"))));
    h.deliverDue();

    assertThat(h.crm.visits()).singleElement().satisfies(visit -> {
      assertThat(visit.email().value()).isEqualTo("jane.kim@example.com");
      assertThat(visit.url().value()).isEqualTo("https://shop.example.com/pricing");
      assertThat(visit.referrer()).hasValueSatisfying(r -> assertThat(r.value()).isEqualTo("https://google.com/"));
    });
  }

  @Test
  void aPageForAnUnknownUserIsSkipped() {
    h.accept(obj("type", "page", "messageId", "p1", "anonymousId", "a1", "properties", obj("url", "https://shop.example.com/")));
    h.deliverDue();
    assertThat(h.message("p1").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(h.crm.visits()).isEmpty();
  }

  @Test
  void aPageForACrmThatKeepsNoVisitsIsSkippedWithTheCrmsReasonNotRetriedNorDead() {
    h.crm.keepNoVisits();
    h.accept(obj("type", "identify", "messageId", "i1", "userId", "u1",
        "traits", obj("firstName", "Jane", "email", "jane.kim@example.com")));
    h.accept(obj("type", "page", "messageId", "p1", "userId", "u1", "properties", obj("url", "https://shop.example.com/")));
    h.deliverDue();

    assertThat(h.message("p1").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(h.message("p1").reason()).contains("this CRM keeps no site visits");
    assertThat(h.crm.visits()).isEmpty();
  }
}
