package io.acdest.domain.port.in;

import io.acdest.domain.call.CallType;
import io.acdest.domain.call.ReceivedCall;

/**
 * A received track call to accept. With {@code strict}, a call that breaks a rule is reported and not stored
 * (the {@code X-Strict-Mode} header).
 */
public record TrackCommand(ReceivedCall call, boolean strict) {
  public TrackCommand {
    if (call == null || !call.type().equals(CallType.TRACK.wire())) {
      throw new IllegalArgumentException("a TrackCommand carries a call of type track");
    }
  }
}
