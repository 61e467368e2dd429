package io.acdest.domain.port.in;

import io.acdest.domain.call.CallType;
import io.acdest.domain.call.ReceivedCall;

/**
 * A received identify call to accept. With {@code strict}, a call that breaks a rule is reported and not stored
 * (the {@code X-Strict-Mode} header).
 */
public record IdentifyCommand(ReceivedCall call, boolean strict) {
  public IdentifyCommand {
    if (call == null || !call.type().equals(CallType.IDENTIFY.wire())) {
      throw new IllegalArgumentException("a IdentifyCommand carries a call of type identify");
    }
  }
}
