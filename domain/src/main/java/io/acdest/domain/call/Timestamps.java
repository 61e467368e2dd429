package io.acdest.domain.call;

import io.acdest.domain.model.InvalidField;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * Reading call timestamps, and the clock-skew correction of docs/behaviour.md §2. Every time a call carries, and the
 * corrected one, lies in the years 1 to 9999: the range of RFC 3339 (four-digit years), which the Segment spec's
 * ISO-8601
 * timestamps follow and every store and CRM downstream can hold.
 */
public final class Timestamps {
  /** The earliest time a call may carry: 0001-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest time a call may carry: the last instant of 9999. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private Timestamps() {}

  /**
   * The skew rule of docs/behaviour.md §2: when the client said when it sent the call ({@code sentAt}), its clock is
   * trusted for the time between the event and the sending only: {@code timestamp = receivedAt − (sentAt − original)}.
   * Without {@code sentAt} the original timestamp stands; without one, the time of receipt. A correction that
   * lands outside the years 1 to 9999 (a {@code sentAt} and {@code originalTimestamp} millennia apart) is an error
   * naming {@code timestamp}: the call cannot be placed in time.
   */
  public static Instant correct(
      Instant receivedAt, Optional<Instant> sentAt, Optional<Instant> original) {
    if (original.isEmpty()) {
      return receivedAt;
    }
    if (sentAt.isEmpty()) {
      return original.get();
    }
    Instant corrected = receivedAt.minus(Duration.between(original.get(), sentAt.get()));
    if (outOfRange(corrected)) {
      throw new InvalidField(
          InvalidField.Code.OUT_OF_RANGE,
          "timestamp",
          "corrected for clock skew (receivedAt - (sentAt - originalTimestamp)) falls outside the years 1 to 9999:"
              + " sentAt "
              + sentAt.get()
              + " and the event's time "
              + original.get()
              + " cannot both be right");
    }
    return corrected;
  }

  /**
   * An ISO-8601 date-time field ({@code 2024-05-01T10:00:00.000Z}, with any offset; without one it is UTC);
   * an error naming the field when it is not one.
   */
  public static Optional<Instant> read(CallFields fields, String key) {
    Optional<String> text = fields.string(key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      TemporalAccessor parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(
              text.get().strip(), OffsetDateTime::from, LocalDateTime::from);
      Instant instant =
          parsed instanceof OffsetDateTime withOffset
              ? withOffset.toInstant()
              : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
      if (outOfRange(instant)) {
        throw new InvalidField(
            InvalidField.Code.OUT_OF_RANGE,
            fields.pathOf(key),
            "must be a date-time between the years 1 and 9999");
      }
      return Optional.of(instant);
    } catch (DateTimeException unreadable) {
      throw new InvalidField(fields.pathOf(key), "must be an ISO-8601 date-time");
    }
  }

  private static boolean outOfRange(Instant instant) {
    return instant.isBefore(EARLIEST) || instant.isAfter(LATEST);
  }
}
