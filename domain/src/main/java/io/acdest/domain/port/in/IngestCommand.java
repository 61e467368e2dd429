package io.acdest.domain.port.in;

import io.acdest.domain.call.ReceivedCall;
import java.util.List;

/** The calls of one request, in order. With {@code strict}, any rejected call means none is stored. */
public record IngestCommand(List<ReceivedCall> calls, boolean strict) {
  public IngestCommand {
    calls = List.copyOf(calls);
  }
}
