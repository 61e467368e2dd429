package io.acdest.domain.call;

import static io.acdest.domain.call.Json.call;
import static io.acdest.domain.call.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-28T10:00:00Z");

  @Test
  void aClientClockTwoHoursAheadIsCorrected() {
    // the client's clock says 12:00 when it sends an event it timestamped 11:59:30; the server says 10:00
    Instant corrected = Timestamps.correct(RECEIVED,
        Optional.of(Instant.parse("2026-11-28T12:00:00Z")), Optional.of(Instant.parse("2026-11-28T11:59:30Z")));
    assertThat(corrected).isEqualTo(Instant.parse("2026-11-28T09:59:30Z"));
  }

  @Test
  void withoutSentAtTheTimestampStandsAndWithoutOneTheReceiptTime() {
    Instant original = Instant.parse("2026-11-28T09:00:00Z");
    assertThat(Timestamps.correct(RECEIVED, Optional.empty(), Optional.of(original))).isEqualTo(original);
    assertThat(Timestamps.correct(RECEIVED, Optional.of(original), Optional.empty())).isEqualTo(RECEIVED);
  }

  @Test
  void theEnvelopeAppliesTheCorrection() {
    CallEnvelope envelope = CallEnvelope.read(call("track", obj("userId", "u1", "event", "x",
        "timestamp", "2026-11-28T13:59:00+02:00", "sentAt", "2026-11-28T12:00:00.000Z")));
    assertThat(envelope.timestamp()).isEqualTo(Instant.parse("2026-11-28T09:59:00Z"));
  }

  @Test
  void originalTimestampIsPreferredOverTimestamp() {
    CallEnvelope envelope = CallEnvelope.read(call("track", obj("userId", "u1", "event", "x",
        "originalTimestamp", "2026-11-28T08:00:00Z", "timestamp", "2026-11-28T09:00:00Z")));
    assertThat(envelope.timestamp()).isEqualTo(Instant.parse("2026-11-28T08:00:00Z"));
  }

  @Test
  void aTimestampWithoutOffsetIsUtc() {
    assertThat(Timestamps.read(CallFields.root(obj("timestamp", "2026-11-28T08:00:00")), "timestamp"))
        .contains(Instant.parse("2026-11-28T08:00:00Z"));
  }

  @Test
  void anUnreadableTimestampIsAnErrorNamingIt() {
    assertThatThrownBy(() -> Timestamps.read(CallFields.root(obj("sentAt", "yesterday")), "sentAt"))
        .hasMessage("sentAt must be an ISO-8601 date-time");
  }
}
