package io.acdest.adapters.activecampaign;

import io.acdest.domain.model.EventName;
import java.util.Optional;

/**
 * An event's name as ActiveCampaign's event tracking takes it: at most {@value #MAX_LENGTH} characters (the
 * destination's documentation: longer names are truncated), cut never inside a character, with a note quoting the
 * original for the message.
 */
record AcEventName(String sent, Optional<String> note) {
  static final int MAX_LENGTH = 32;

  static AcEventName of(EventName name) {
    String raw = name.value();
    if (raw.codePointCount(0, raw.length()) <= MAX_LENGTH) {
      return new AcEventName(raw, Optional.empty());
    }
    String cut = raw.substring(0, raw.offsetByCodePoints(0, MAX_LENGTH));
    return new AcEventName(
        cut,
        Optional.of(
            "event name '"
                + raw
                + "' is longer than "
                + MAX_LENGTH
                + " characters; sent as '"
                + cut
                + "'"));
  }
}
