package io.acdest.domain.call;

import static io.acdest.domain.call.Json.call;
import static io.acdest.domain.call.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.domain.model.InvalidField;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-28T10:00:00Z");

  @Test
  void aClientClockTwoHoursAheadIsCorrected() {
    // the client's clock says 12:00 when it sends an event it timestamped 11:59:30; the server says
    // 10:00
    Instant corrected =
        Timestamps.correct(
            RECEIVED,
            Optional.of(Instant.parse("2026-11-28T12:00:00Z")),
            Optional.of(Instant.parse("2026-11-28T11:59:30Z")));
    assertThat(corrected).isEqualTo(Instant.parse("2026-11-28T09:59:30Z"));
  }

  @Test
  void withoutSentAtTheTimestampStandsAndWithoutOneTheReceiptTime() {
    Instant original = Instant.parse("2026-11-28T09:00:00Z");
    assertThat(Timestamps.correct(RECEIVED, Optional.empty(), Optional.of(original)))
        .isEqualTo(original);
    assertThat(Timestamps.correct(RECEIVED, Optional.of(original), Optional.empty()))
        .isEqualTo(RECEIVED);
  }

  @Test
  void theEnvelopeAppliesTheCorrection() {
    CallEnvelope envelope =
        CallEnvelope.read(
            call(
                "track",
                obj(
                    "userId",
                    "u1",
                    "event",
                    "x",
                    "timestamp",
                    "2026-11-28T13:59:00+02:00",
                    "sentAt",
                    "2026-11-28T12:00:00.000Z")));
    assertThat(envelope.timestamp()).isEqualTo(Instant.parse("2026-11-28T09:59:00Z"));
  }

  @Test
  void originalTimestampIsPreferredOverTimestamp() {
    CallEnvelope envelope =
        CallEnvelope.read(
            call(
                "track",
                obj(
                    "userId",
                    "u1",
                    "event",
                    "x",
                    "originalTimestamp",
                    "2026-11-28T08:00:00Z",
                    "timestamp",
                    "2026-11-28T09:00:00Z")));
    assertThat(envelope.timestamp()).isEqualTo(Instant.parse("2026-11-28T08:00:00Z"));
  }

  @Test
  void aTimestampWithoutOffsetIsUtc() {
    assertThat(
            Timestamps.read(CallFields.root(obj("timestamp", "2026-11-28T08:00:00")), "timestamp"))
        .contains(Instant.parse("2026-11-28T08:00:00Z"));
  }

  @Test
  void anUnreadableTimestampIsAnErrorNamingIt() {
    assertThatThrownBy(() -> Timestamps.read(CallFields.root(obj("sentAt", "yesterday")), "sentAt"))
        .hasMessage("sentAt must be an ISO-8601 date-time");
  }

  @Test
  void aSkewCorrectionOutsideTheYearsOneTo9999RejectsTheCallNamingTimestamp() {
    // the poison pair: a sentAt and an originalTimestamp millennia apart
    assertThatThrownBy(
            () ->
                CallEnvelope.read(
                    call(
                        "track",
                        obj(
                            "userId",
                            "u1",
                            "event",
                            "x",
                            "originalTimestamp",
                            "0001-01-01T00:00:00Z",
                            "sentAt",
                            "9999-12-31T00:00:00Z"))))
        .isInstanceOfSatisfying(
            InvalidField.class,
            e -> {
              assertThat(e.code()).isEqualTo(InvalidField.Code.OUT_OF_RANGE);
              assertThat(e.field()).isEqualTo("timestamp");
              assertThat(e.rule()).contains("clock skew");
            });
  }

  @Test
  void aTimeOutsideTheYearsOneTo9999IsAnErrorNamingItsField() {
    assertThatThrownBy(
            () ->
                Timestamps.read(
                    CallFields.root(obj("timestamp", "+294277-01-01T00:00:00Z")), "timestamp"))
        .hasMessage("timestamp must be a date-time between the years 1 and 9999");
    assertThatThrownBy(
            () ->
                Timestamps.read(CallFields.root(obj("sentAt", "-0001-12-31T00:00:00Z")), "sentAt"))
        .hasMessage("sentAt must be a date-time between the years 1 and 9999");
    assertThat(
            Timestamps.read(CallFields.root(obj("timestamp", "9999-12-31T23:59:59Z")), "timestamp"))
        .isPresent();
    assertThat(
            Timestamps.read(CallFields.root(obj("timestamp", "0001-01-01T00:00:00Z")), "timestamp"))
        .isPresent();
  }
}
