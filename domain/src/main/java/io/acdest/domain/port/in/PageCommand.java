package io.acdest.domain.port.in;

import io.acdest.domain.call.CallType;
import io.acdest.domain.call.ReceivedCall;

/**
 * A received page call to accept. With {@code strict}, a call that breaks a rule is reported and not stored
 * (the {@code X-Strict-Mode} header).
 */
public record PageCommand(ReceivedCall call, boolean strict) {
  public PageCommand {
    if (call == null || !call.type().equals(CallType.PAGE.wire())) {
      throw new IllegalArgumentException("a PageCommand carries a call of type page");
    }
  }
}
