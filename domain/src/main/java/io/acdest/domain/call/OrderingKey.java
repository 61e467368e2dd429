package io.acdest.domain.call;

/**
 * The key under which one user's calls are delivered in the order they were accepted (docs/behaviour.md §4): the {@code
 * userId}, else the {@code anonymousId}. (docs/behaviour.md §4 also names the email as a last resort; a call with
 * neither id is rejected
 * at intake, docs/behaviour.md §2, so every accepted call has one of them.)
 */
public record OrderingKey(String value) {
  public OrderingKey {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("an ordering key must not be blank");
    }
  }

  /** The ordering rule: {@code user:<userId>}, else {@code anon:<anonymousId>}. */
  public static OrderingKey of(UserIdentity identity) {
    return identity
        .userId()
        .map(id -> new OrderingKey("user:" + id))
        .orElseGet(() -> new OrderingKey("anon:" + identity.anonymousId().orElseThrow()));
  }
}
