package io.acdest.domain.call;

import java.util.List;

/**
 * A {@code screen} or {@code group} call: accepted and stored, never delivered (docs/behaviour.md §3 "other types").
 */
public record IgnoredCall(CallEnvelope envelope, String reason) implements MappedCall {
  public static IgnoredCall of(CallEnvelope envelope) {
    return new IgnoredCall(
        envelope, envelope.type().wire() + " calls are stored but not delivered to the CRM");
  }

  @Override
  public List<String> warnings() {
    return List.of();
  }

  @Override
  public boolean isDeliverable() {
    return false;
  }
}
