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
        obj(
            "type",
            "identify",
            "messageId",
            "i1",
            "userId",
            "ze8rt1u89",
            "traits",
            obj("firstName", "Jane", "lastName", "Kim", "email", "jane.kim@example.com")),
        obj(
            "type",
            "track",
            "messageId",
            "t1",
            "userId",
            "ze8rt1u89",
            "event",
            "Clicked a button",
            "properties",
            obj("properties", obj("acValue", "Signup button"))));
    h.deliverDue();

    assertThat(h.crm.events())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.email().value()).isEqualTo("jane.kim@example.com");
              assertThat(event.name().value()).isEqualTo("Clicked a button");
              assertThat(event.value()).contains(new EventValue("Signup button"));
            });
    assertThat(h.crm.requests())
        .containsExactly(
            "sync jane.kim@example.com", "trackEvent jane.kim@example.com Clicked a button");
    assertThat(h.message("t1").state()).isEqualTo(MessageState.DELIVERED);
  }

  @Test
  void anAnonymousVisitorsPageIsDeliveredWithTheEmailOnceTheVisitorIdentifies() {
    // a browser: a page view while anonymous, delivered (and skipped: no email) before the sign-up
    // is sent
    h.accept(
        obj(
            "type",
            "page",
            "messageId",
            "p1",
            "anonymousId",
            "anon-1",
            "properties",
            obj("url", "https://shop.example/pricing")));
    h.deliverDue();
    assertThat(h.message("p1").state()).isEqualTo(MessageState.SKIPPED);

    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "i1",
            "userId",
            "u1",
            "anonymousId",
            "anon-1",
            "traits",
            obj("firstName", "Jane", "lastName", "Kim", "email", "jane.kim@example.com")));
    h.deliverDue();

    assertThat(h.message("p1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.crm.visits())
        .singleElement()
        .satisfies(visit -> assertThat(visit.email().value()).isEqualTo("jane.kim@example.com"));
  }

  @Test
  void anIdentifyRevivesOnlyItsOwnVisitorsSkippedCalls() {
    h.accept(
        obj("type", "track", "messageId", "t1", "anonymousId", "anon-1", "event", "Viewed"),
        obj("type", "track", "messageId", "t2", "anonymousId", "anon-2", "event", "Viewed"));
    h.deliverDue();
    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "i1",
            "userId",
            "u1",
            "anonymousId",
            "anon-1",
            "traits",
            obj("firstName", "Jane", "email", "jane.kim@example.com")));
    h.deliverDue();
    assertThat(h.message("t1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.message("t2").state()).isEqualTo(MessageState.SKIPPED);
  }

  @Test
  void aTrackWithItsOwnEmailNeedsNoDirectory() {
    h.accept(
        obj(
            "type",
            "track",
            "messageId",
            "t1",
            "anonymousId",
            "a1",
            "event",
            "Clicked a button",
            "properties",
            obj("email", "buyer@example.com")));
    h.deliverDue();
    assertThat(h.crm.events())
        .singleElement()
        .satisfies(e -> assertThat(e.email().value()).isEqualTo("buyer@example.com"));
  }

  @Test
  void aTrackForAUserWithNoKnownEmailIsSkipped() {
    h.accept(
        obj("type", "track", "messageId", "t1", "userId", "stranger", "event", "Clicked a button"));
    h.deliverDue();
    assertThat(h.message("t1").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(h.message("t1").reason())
        .hasValueSatisfying(reason -> assertThat(reason).contains("waiting for an identify"));
    assertThat(h.crm.requests()).isEmpty();
  }

  @Test
  void tracksSentBeforeTheirUsersFirstIdentifyAreDeliveredOnceItArrivesInTheirOrder() {
    // @segment/analytics-node posted the tracks of "identify, track, track" before the identify
    // (issue 22)
    h.accept(obj("type", "track", "messageId", "t1", "userId", "late-1", "event", "First"));
    h.accept(obj("type", "track", "messageId", "t2", "userId", "late-1", "event", "Second"));
    h.deliverDue();
    assertThat(h.message("t1").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(h.message("t2").state()).isEqualTo(MessageState.SKIPPED);

    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "i1",
            "userId",
            "late-1",
            "traits",
            obj("firstName", "Late", "email", "late@example.com")));
    h.deliverDue();

    assertThat(h.message("t1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.message("t2").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.crm.requests())
        .containsExactly(
            "sync late@example.com",
            "trackEvent late@example.com First",
            "trackEvent late@example.com Second");
  }

  @Test
  void aTrackUnderAPreviousIdComesBackWhenAnAliasLinksItToAKnownUser() {
    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "i1",
            "userId",
            "u-new",
            "traits",
            obj("firstName", "Ada", "email", "ada@example.com")));
    h.accept(
        obj("type", "track", "messageId", "t1", "userId", "u-old", "event", "Before the merge"));
    h.deliverDue();
    assertThat(h.message("t1").state()).isEqualTo(MessageState.SKIPPED);

    h.accept(obj("type", "alias", "messageId", "a1", "previousId", "u-old", "userId", "u-new"));
    h.deliverDue();

    assertThat(h.message("t1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.crm.events())
        .singleElement()
        .satisfies(e -> assertThat(e.email().value()).isEqualTo("ada@example.com"));
  }

  @Test
  void aTrackUnderAnAliasedIdComesBackWhenTheUserItWasAliasedToIdentifies() {
    h.accept(obj("type", "track", "messageId", "t1", "userId", "u-old", "event", "Before"));
    h.deliverDue();
    h.accept(obj("type", "alias", "messageId", "a1", "previousId", "u-old", "userId", "u-new"));
    h.deliverDue();
    assertThat(h.message("t1").state())
        .as("the user behind the alias is not known yet")
        .isEqualTo(MessageState.SKIPPED);

    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "i1",
            "userId",
            "u-new",
            "traits",
            obj("firstName", "Ada", "email", "ada@example.com")));
    h.deliverDue();

    assertThat(h.message("t1").state()).isEqualTo(MessageState.DELIVERED);
  }

  @Test
  void aCallWaitingLongerThanTheAuditLogKeepsItDoesNotComeBack() {
    h.accept(obj("type", "track", "messageId", "t1", "userId", "late-2", "event", "Long ago"));
    h.deliverDue();
    h.clock.advance(java.time.Duration.ofDays(8));
    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "i1",
            "userId",
            "late-2",
            "traits",
            obj("firstName", "Late", "email", "late2@example.com")));
    h.deliverDue();
    assertThat(h.message("t1").state()).isEqualTo(MessageState.SKIPPED);
  }

  @Test
  void anOperatorsRetryOfAWaitingTrackDeliversItOnceTheEmailIsKnown() {
    h.accept(obj("type", "track", "messageId", "t1", "userId", "late-3", "event", "Retried"));
    h.deliverDue();
    // the identify's delivery did not see the track (it was recorded as waiting a moment later,
    // another worker)
    h.directory.remember(
        io.acdest.domain.call.UserIdentity.ofUser("late-3"),
        new io.acdest.domain.model.EmailAddress("late3@example.com"),
        new io.acdest.domain.model.CrmContactId("9"));
    assertThat(h.admin().retry(new io.acdest.domain.message.MessageId("t1"))).isEqualTo(1);
    h.deliverDue();
    assertThat(h.message("t1").state()).isEqualTo(MessageState.DELIVERED);
  }

  @Test
  void aTrackRecordedAsWaitingAfterItsEmailBecameKnownComesBackAtOnce() {
    // the identify was delivered (another lane) between the track's look-up of the email and its
    // recording as skipped
    h.accept(obj("type", "track", "messageId", "t1", "anonymousId", "visitor-9", "event", "Raced"));
    io.acdest.domain.call.TrackCall track =
        (io.acdest.domain.call.TrackCall)
            io.acdest.domain.call.CallMapping.map(
                h.received(
                    obj(
                        "type",
                        "track",
                        "messageId",
                        "t1",
                        "anonymousId",
                        "visitor-9",
                        "event",
                        "Raced")));
    var job = h.store.claim("w", 10, java.time.Duration.ofMinutes(1)).get(0);
    h.store.complete(job, io.acdest.domain.delivery.DeliveryOutcome.Skipped.noEmail());
    h.directory.remember(
        new io.acdest.domain.call.UserIdentity(
            java.util.Optional.of("u9"), java.util.Optional.of("visitor-9")),
        new io.acdest.domain.model.EmailAddress("nine@example.com"),
        new io.acdest.domain.model.CrmContactId("9"));
    assertThat(h.waiting.recheck(track)).isEqualTo(1);
    h.deliverDue();
    assertThat(h.message("t1").state()).isEqualTo(MessageState.DELIVERED);
  }

  @Test
  void aPageIsRecordedAsAVisitForTheAnonymousUsersContact() {
    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "i1",
            "anonymousId",
            "a1",
            "traits",
            obj("firstName", "Jane", "email", "jane.kim@example.com")));
    h.accept(
        obj(
            "type",
            "page",
            "messageId",
            "p1",
            "anonymousId",
            "a1",
            "context",
            obj(
                "page",
                obj(
                    "url",
                    "https://shop.example.com/pricing",
                    "referrer",
                    "https://google.com/"))));
    h.deliverDue();

    assertThat(h.crm.visits())
        .singleElement()
        .satisfies(
            visit -> {
              assertThat(visit.email().value()).isEqualTo("jane.kim@example.com");
              assertThat(visit.url().value()).isEqualTo("https://shop.example.com/pricing");
              assertThat(visit.referrer())
                  .hasValueSatisfying(r -> assertThat(r.value()).isEqualTo("https://google.com/"));
            });
  }

  @Test
  void aPageForAnUnknownUserIsSkipped() {
    h.accept(
        obj(
            "type",
            "page",
            "messageId",
            "p1",
            "anonymousId",
            "a1",
            "properties",
            obj("url", "https://shop.example.com/")));
    h.deliverDue();
    assertThat(h.message("p1").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(h.crm.visits()).isEmpty();
  }

  @Test
  void aPageForACrmThatKeepsNoVisitsIsSkippedWithTheCrmsReasonNotRetriedNorDead() {
    h.crm.keepNoVisits();
    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "i1",
            "userId",
            "u1",
            "traits",
            obj("firstName", "Jane", "email", "jane.kim@example.com")));
    h.accept(
        obj(
            "type",
            "page",
            "messageId",
            "p1",
            "userId",
            "u1",
            "properties",
            obj("url", "https://shop.example.com/")));
    h.deliverDue();

    assertThat(h.message("p1").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(h.message("p1").reason()).contains("this CRM keeps no site visits");
    assertThat(h.crm.visits()).isEmpty();
  }
}
