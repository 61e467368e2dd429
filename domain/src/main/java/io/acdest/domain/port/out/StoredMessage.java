package io.acdest.domain.port.out;

import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A recorded message as the log returns it: where it stands and why. */
public record StoredMessage(
    MessageKey key,
    String type,
    MessageState state,
    Optional<String> reason,
    List<String> warnings,
    List<String> unmapped,
    Instant receivedAt,
    Instant timestamp) {

  public StoredMessage {
    warnings = List.copyOf(warnings);
    unmapped = List.copyOf(unmapped);
  }
}
