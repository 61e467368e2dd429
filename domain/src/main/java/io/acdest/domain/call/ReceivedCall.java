package io.acdest.domain.call;

import io.acdest.domain.message.SourceId;
import java.time.Instant;

/**
 * One call as the service received it: from which source, of which declared type, with its JSON object (batch
 * {@code context} and {@code integrations} already merged in) and the time it arrived. This is what is stored,
 * and what a delivery maps again.
 *
 * @param type the type the call declared or the endpoint implied ({@code "identify"} for {@code /v1/identify}),
 *     as received; {@code ""} when it had none
 */
public record ReceivedCall(SourceId source, String type, CallFields event, Instant receivedAt) {
  public ReceivedCall {
    if (source == null || type == null || event == null || receivedAt == null) {
      throw new IllegalArgumentException("source, type, event and receivedAt are required");
    }
  }
}
