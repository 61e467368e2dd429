package io.acdest.domain.message;

import io.acdest.domain.model.InvalidField;
import java.util.UUID;

/** A call's {@code messageId}: the caller's idempotency key, or one the service assigned. */
public record MessageId(String value) {
  public static final int MAX_LENGTH = 255;

  public MessageId {
    if (value == null || value.isBlank()) {
      throw new InvalidField("messageId", "must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidField("messageId", "must be at most " + MAX_LENGTH + " characters");
    }
  }

  /** A fresh id for a call that came without one. */
  public static MessageId assign() {
    return new MessageId("acdest-" + UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value;
  }
}
