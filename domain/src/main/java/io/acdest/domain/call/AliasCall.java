package io.acdest.domain.call;

import io.acdest.domain.model.InvalidField;
import java.util.List;

/**
 * An {@code alias} call: stored as ignored, and it links {@code previousId} to {@code userId} in the contact
 * directory so that later calls under the previous id find the user's email (docs/behaviour.md §3 "other types").
 */
public record AliasCall(CallEnvelope envelope, String previousId, String userId)
    implements MappedCall {
  public static AliasCall from(CallEnvelope envelope, CallFields event) {
    String previousId =
        event
            .identifier("previousId")
            .orElseThrow(() -> new InvalidField("previousId", "is required for alias calls"));
    String userId =
        envelope
            .identity()
            .userId()
            .orElseThrow(
                () ->
                    new InvalidField(
                        InvalidField.Code.MISSING_IDENTITY,
                        "userId",
                        "is required for alias calls"));
    return new AliasCall(envelope, previousId, userId);
  }

  /** Why nothing is sent to the CRM. */
  public String reason() {
    return "alias calls are not delivered; " + previousId + " now resolves to user " + userId;
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
