package io.acdest.application;

import static io.acdest.application.Harness.arr;
import static io.acdest.application.Harness.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.domain.call.Rejection;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.in.AcceptResult;
import io.acdest.domain.port.in.IngestReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallIntakeTest {
  private final Harness h = new Harness();

  @Test
  void anAcceptedCallIsStoredAndQueued() {
    IngestReport report =
        h.accept(
            obj("type", "track", "messageId", "m1", "userId", "u1", "event", "Clicked a button"));

    assertThat(report.results())
        .containsExactly(new AcceptResult.Accepted(new MessageId("m1"), List.of()));
    assertThat(report.stored()).isTrue();
    assertThat(h.message("m1").state()).isEqualTo(MessageState.ACCEPTED);
    assertThat(h.store.jobCount()).isEqualTo(1);
  }

  @Test
  void aDuplicateMessageIdIsAcknowledgedAndNotQueuedTwice() {
    h.accept(obj("type", "track", "messageId", "m1", "userId", "u1", "event", "Clicked a button"));
    IngestReport again =
        h.accept(
            obj("type", "track", "messageId", "m1", "userId", "u1", "event", "Clicked a button"),
            obj("type", "track", "messageId", "m2", "userId", "u1", "event", "Clicked a button"),
            obj("type", "track", "messageId", "m2", "userId", "u1", "event", "Clicked a button"));

    assertThat(again.results())
        .containsExactly(
            new AcceptResult.Duplicate(new MessageId("m1")),
            new AcceptResult.Accepted(new MessageId("m2"), List.of()),
            new AcceptResult.Duplicate(new MessageId("m2")));
    assertThat(again.duplicates()).isEqualTo(2);
    assertThat(h.store.jobCount()).isEqualTo(2);
    h.deliverDue();
    assertThat(h.crm.events()).isEmpty(); // no email known for u1: both skipped, neither sent twice
    assertThat(h.message("m1").state()).isEqualTo(MessageState.SKIPPED);
  }

  @Test
  void aFilteredCallIsStoredAndNeverDelivered() {
    IngestReport report =
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
                obj("email", "jane.kim@example.com"),
                "integrations",
                obj("ActiveCampaign", false)),
            obj(
                "type",
                "track",
                "messageId",
                "m2",
                "userId",
                "u1",
                "event",
                "Clicked a button",
                "properties",
                obj("email", "jane.kim@example.com"),
                "integrations",
                obj("All", false)));

    assertThat(report.results())
        .containsExactly(
            new AcceptResult.Filtered(new MessageId("m1")),
            new AcceptResult.Filtered(new MessageId("m2")));
    assertThat(h.deliverDue()).isEmpty();
    assertThat(h.crm.requests()).isEmpty();
    assertThat(h.message("m1").state()).isEqualTo(MessageState.FILTERED);
    assertThat(h.message("m1").reason())
        .contains("integrations keep this call from ActiveCampaign");
  }

  @Test
  void aRejectedCallCarriesItsMachineCodeAndMessageAndIsStoredNotQueued() {
    IngestReport report =
        h.accept(
            obj("type", "track", "messageId", "bad", "userId", "u1"),
            obj(
                "type",
                "identify",
                "messageId",
                "anon",
                "traits",
                obj("email", "jane.kim@example.com")),
            obj("type", "track", "messageId", "good", "userId", "u1", "event", "Clicked a button"));

    assertThat(report.rejected())
        .containsExactly(
            new AcceptResult.Rejected(
                new MessageId("bad"),
                new Rejection("missing_event", "event", "event is required for track calls")),
            new AcceptResult.Rejected(
                new MessageId("anon"),
                new Rejection("missing_identity", "userId", "userId or anonymousId is required")));
    assertThat(report.results().get(2)).isInstanceOf(AcceptResult.Accepted.class);
    assertThat(h.message("bad").state()).isEqualTo(MessageState.REJECTED);
    assertThat(h.message("bad").reason())
        .contains("missing_event: event is required for track calls");
    assertThat(h.store.jobCount()).isEqualTo(1);
  }

  @Test
  void aRejectedCallKeepsItsTimeCorrectedForClockSkewLikeAnAcceptedOne() {
    // the client's clock is an hour ahead: it stamped the event and sent it 2 s later by its own
    // clock
    java.time.Instant now = h.clock.instant();
    h.accept(
        obj(
            "type",
            "track",
            "messageId",
            "rejected",
            "userId",
            "u1",
            "timestamp",
            now.plusSeconds(3600).toString(),
            "sentAt",
            now.plusSeconds(3602).toString()),
        obj("type", "track", "messageId", "unreadable", "userId", "u1", "timestamp", "yesterday"));
    assertThat(h.message("rejected").state()).isEqualTo(MessageState.REJECTED);
    assertThat(h.message("rejected").timestamp()).isEqualTo(now.minusSeconds(2));
    assertThat(h.message("unreadable").timestamp())
        .as("no time to correct: the time of receipt")
        .isEqualTo(now);
  }

  @Test
  void aMalformedListEntryRejectsTheIdentifyNamingTheEntry() {
    IngestReport report =
        h.accept(
            obj(
                "type",
                "identify",
                "messageId",
                "m1",
                "userId",
                "u1",
                "traits",
                obj(
                    "email",
                    "jane.kim@example.com",
                    "firstName",
                    "Jane",
                    "tags",
                    "vip",
                    "lists",
                    arr(obj("id", 1, "status", "active"), obj("id", 7, "status", "maybe")))));

    assertThat(report.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.rejection().code()).isEqualTo("invalid_field");
              assertThat(r.rejection().field()).isEqualTo("traits.lists[1].status");
            });
    h.deliverDue();
    assertThat(h.crm.requests()).isEmpty(); // nothing of it is half-applied
  }

  @Test
  void strictModeStoresNothingWhenOneCallIsRejected() {
    IngestReport report =
        h.ingest(
            true,
            obj("type", "track", "messageId", "good", "userId", "u1", "event", "Clicked a button"),
            obj("type", "track", "messageId", "bad", "userId", "u1"));

    assertThat(report.stored()).isFalse();
    assertThat(report.rejected()).hasSize(1);
    assertThat(h.store.messages()).isEmpty();
    assertThat(h.store.jobCount()).isZero();
  }

  @Test
  void aCallWithoutMessageIdGetsOne() {
    IngestReport report =
        h.accept(obj("type", "track", "userId", "u1", "event", "Clicked a button"));
    MessageId assigned = report.results().get(0).messageId();
    assertThat(assigned.value()).startsWith("acdest-");
    assertThat(h.store.find(Harness.key(assigned.value()))).isPresent();
  }

  @Test
  void aWrongTypedMessageIdIsRejectedUnderAnAssignedId() {
    IngestReport report =
        h.accept(obj("type", "track", "messageId", obj("id", 1), "userId", "u1", "event", "x"));
    assertThat(report.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.messageId().value()).startsWith("acdest-");
              assertThat(r.rejection().message()).isEqualTo("messageId must be a string");
            });
  }

  @Test
  void screenAndGroupAreStoredAsIgnored() {
    IngestReport report =
        h.accept(obj("type", "screen", "messageId", "s1", "userId", "u1", "name", "Home"));
    assertThat(report.results())
        .containsExactly(
            new AcceptResult.Ignored(
                new MessageId("s1"), "screen calls are stored but not delivered to the CRM"));
    assertThat(h.message("s1").state()).isEqualTo(MessageState.IGNORED);
    assertThat(h.store.jobCount()).isZero();
  }

  @Test
  void aliasLinksThePreviousIdSoLaterCallsFindTheEmail() {
    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "i1",
            "userId",
            "u1",
            "traits",
            obj("email", "jane.kim@example.com", "firstName", "Jane")));
    h.deliverDue();
    h.accept(
        obj("type", "alias", "messageId", "a1", "userId", "u1", "previousId", "anon-9"),
        obj(
            "type",
            "track",
            "messageId",
            "t1",
            "anonymousId",
            "anon-9",
            "event",
            "Clicked a button"));
    h.deliverDue();

    assertThat(h.message("a1").state()).isEqualTo(MessageState.IGNORED);
    assertThat(h.crm.events())
        .singleElement()
        .satisfies(e -> assertThat(e.email().value()).isEqualTo("jane.kim@example.com"));
  }

  @Test
  void mappingWarningsAreReportedAndStored() {
    IngestReport report =
        h.accept(
            obj(
                "type",
                "identify",
                "messageId",
                "m1",
                "userId",
                "u1",
                "traits",
                obj("shirtSize", "medium", "shirt_size", "large")));
    assertThat(((AcceptResult.Accepted) report.results().get(0)).warnings())
        .singleElement()
        .asString()
        .contains("all set custom field %SHIRT_SIZE%");
    assertThat(h.message("m1").warnings()).hasSize(1);
  }

  @Test
  void whenTheLogCannotRecordNothingIsReportedAccepted() {
    h.store.failNextRecord(new IllegalStateException("database unavailable"));
    assertThatThrownBy(
            () -> h.accept(obj("type", "track", "messageId", "m1", "userId", "u1", "event", "x")))
        .hasMessage("database unavailable");
    assertThat(h.store.messages()).isEmpty();
  }
}
