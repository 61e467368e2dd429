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
 * @param limits what the call may not do, by its source (a browser's public write key)
 */
public record ReceivedCall(
    SourceId source, String type, CallFields event, Instant receivedAt, CallLimits limits) {
  public ReceivedCall {
    if (source == null || type == null || event == null || receivedAt == null || limits == null) {
      throw new IllegalArgumentException("source, type, event, receivedAt and limits are required");
    }
  }

  /** A call that may do everything. */
  public ReceivedCall(SourceId source, String type, CallFields event, Instant receivedAt) {
    this(source, type, event, receivedAt, CallLimits.NONE);
  }
}
