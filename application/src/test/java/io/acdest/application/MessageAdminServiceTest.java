package io.acdest.application;

import static io.acdest.application.Harness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.application.fakes.InMemoryAttemptLog;
import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.in.MessageAdminUseCase;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.MessageSearch;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageAdminServiceTest {
  private final Harness h = new Harness();
  private final InMemoryAttemptLog attempts = new InMemoryAttemptLog(h.store::jobOf);
  private final java.util.List<DeliveryOverview.Pause> configurationPauses =
      new java.util.ArrayList<>();
  private final MessageAdminService admin =
      new MessageAdminService(
          h.store, h.store, attempts, h.store, () -> configurationPauses, h.clock);

  @Test
  void aDeadMessageIsShownWithItsAttemptsListedAndRetried() {
    h.accept(
        obj(
            "type",
            "track",
            "messageId",
            "m1",
            "userId",
            "u1",
            "event",
            "Clicked a button",
            "properties",
            obj("email", "jane.kim@example.com")));
    h.crm.failNext(new CrmFailure(CrmFailure.Kind.PERMANENT, "422: Email address is not valid"));
    h.deliverDue();
    attempts.record(
        new Attempt(
            h.store.jobOf(Harness.key("m1")).orElseThrow(),
            "event.track",
            Optional.of(422),
            Duration.ofMillis(30),
            Optional.of("client_error"),
            Optional.of("Email address is not valid"),
            h.clock.instant()));

    assertThat(admin.find(new MessageId("m1")))
        .singleElement()
        .satisfies(
            details -> {
              assertThat(details.message().state()).isEqualTo(MessageState.DEAD);
              assertThat(details.attempts())
                  .extracting(Attempt::httpStatus)
                  .containsExactly(Optional.of(422));
            });
    assertThat(admin.list(MessageState.DEAD, 10)).hasSize(1);

    assertThat(admin.retry(new MessageId("m1"))).isEqualTo(1);
    h.deliverDue();
    assertThat(h.message("m1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(admin.retry(new MessageId("m1"))).as("only dead messages are retried").isZero();
  }

  private static MessageSearch byEmail(String email) {
    return new MessageSearch(
        Optional.empty(),
        Optional.empty(),
        Optional.of(email),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        25);
  }

  @Test
  void anOperatorFindsAPersonsMessagesByEmailSeesOneAsReceivedAndMappedAndRetriesTheDeadOnes() {
    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "i1",
            "userId",
            "u1",
            "writeKey",
            "wk-secret",
            "traits",
            obj(
                "firstName",
                "Jane",
                "lastName",
                "Kim",
                "email",
                "Jane.Kim@example.com",
                "shirtSize",
                "medium",
                "tags",
                java.util.List.of("vip"))));
    h.accept(
        obj(
            "type",
            "track",
            "messageId",
            "t1",
            "userId",
            "u2",
            "event",
            "Clicked a button",
            "properties",
            obj("email", "jane.kim@example.com")));
    h.accept(
        obj(
            "type",
            "track",
            "messageId",
            "t2",
            "userId",
            "u3",
            "event",
            "Clicked a button",
            "properties",
            obj("email", "someone.else@example.com")));
    h.crm.failNext(new CrmFailure(CrmFailure.Kind.PERMANENT, "422: Email address is not valid"));
    h.deliverDue();

    MessageAdminUseCase.MessagePage page = admin.search(byEmail("JANE.KIM@example.com"));
    assertThat(page.total()).isEqualTo(2);
    assertThat(page.messages())
        .extracting(m -> m.message().key().messageId().value())
        .containsExactly("t1", "i1");

    MessageAdminUseCase.MessageView identify = admin.view(Harness.key("i1")).orElseThrow();
    assertThat(identify.call()).containsEntry("writeKey", "***").containsEntry("userId", "u1");
    assertThat(identify.mapping())
        .containsEntry("email", "jane.kim@example.com")
        .containsEntry("tags", java.util.List.of("vip"));
    assertThat(identify.mapping().get("customFields").toString())
        .contains("shirtSize → SHIRT_SIZE");

    String dead =
        h.store.messages().stream()
            .filter(m -> m.state() == MessageState.DEAD)
            .findFirst()
            .orElseThrow()
            .key()
            .messageId()
            .value();
    assertThat(dead).isIn("i1", "t1");
    assertThat(admin.retryDead(byEmail("someone.else@example.com"))).isZero();
    assertThat(admin.retryDead(byEmail("jane.kim@example.com"))).isEqualTo(1);
    assertThat(h.message(dead).state()).isEqualTo(MessageState.ACCEPTED);
  }

  @Test
  void theOverviewCountsMessagesPerTypeAndStateAndShowsTheQueueAndThePauses() {
    h.accept(
        obj(
            "type",
            "track",
            "messageId",
            "t1",
            "userId",
            "u1",
            "event",
            "Joined",
            "properties",
            obj("email", "jane.kim@example.com")));
    h.accept(obj("type", "track", "messageId", "t2", "userId", "u2", "event", "Joined"));
    configurationPauses.add(
        DeliveryOverview.Pause.configuration(
            "every delivery", "401 bad API key", java.time.Instant.parse("2026-12-06T10:00:00Z")));
    DeliveryOverview before = admin.overview();
    assertThat(before.queueDepth()).isEqualTo(2);
    assertThat(before.oldestDue()).isPresent();
    assertThat(before.lastHour()).containsEntry("track", java.util.Map.of("accepted", 2L));
    assertThat(before.pauses())
        .extracting(DeliveryOverview.Pause::reason)
        .containsExactly("401 bad API key");

    h.deliverDue();
    DeliveryOverview after = admin.overview();
    assertThat(after.queueDepth()).isZero();
    assertThat(after.lastDay())
        .containsEntry("track", java.util.Map.of("delivered", 1L, "skipped", 1L));
    assertThat(after.perMinute())
        .singleElement()
        .satisfies(minute -> assertThat(minute.delivered()).isEqualTo(1));
    assertThat(after.p95AcceptToDelivered()).isPresent();
  }
}
