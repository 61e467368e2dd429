package io.acdest.domain.call;

import io.acdest.domain.model.InvalidField;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/** Reading call timestamps, and the clock-skew correction of §2. */
public final class Timestamps {
  private Timestamps() {}

  /**
   * The skew rule of §2: when the client said when it sent the call ({@code sentAt}), its clock is trusted for
   * the time between the event and the sending only: {@code timestamp = receivedAt − (sentAt − original)}.
   * Without {@code sentAt} the original timestamp stands; without one, the time of receipt.
   */
  public static Instant correct(Instant receivedAt, Optional<Instant> sentAt, Optional<Instant> original) {
    if (original.isEmpty()) {
      return receivedAt;
    }
    if (sentAt.isEmpty()) {
      return original.get();
    }
    return receivedAt.minus(Duration.between(original.get(), sentAt.get()));
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
          DateTimeFormatter.ISO_DATE_TIME.parseBest(text.get().strip(), OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime withOffset) {
        return Optional.of(withOffset.toInstant());
      }
      return Optional.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new InvalidField(fields.pathOf(key), "must be an ISO-8601 date-time");
    }
  }
}
