package io.acdest.domain.call;

import io.acdest.domain.model.InvalidField;
import java.util.Optional;

/** Who a call is about: the caller's {@code userId}, its {@code anonymousId}, or both; never neither. */
public record UserIdentity(Optional<String> userId, Optional<String> anonymousId) {
  public UserIdentity {
    if (userId.isEmpty() && anonymousId.isEmpty()) {
      throw new InvalidField(
          InvalidField.Code.MISSING_IDENTITY, "userId", "or anonymousId is required");
    }
  }

  public static UserIdentity ofUser(String userId) {
    return new UserIdentity(Optional.of(userId), Optional.empty());
  }

  /** Reads {@code userId} and {@code anonymousId} of a call. */
  public static UserIdentity readFrom(CallFields event) {
    return new UserIdentity(event.identifier("userId"), event.identifier("anonymousId"));
  }
}
