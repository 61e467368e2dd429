package io.acdest.bootstrap;

import io.acdest.adapters.http.WriteKeys;
import io.acdest.domain.message.SourceId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may send calls, as the settings say: the destinations file's sources (each key's calls stored under its
 * source's id), else {@code WRITE_KEYS}, else a key generated once, kept under {@code DATA_DIR} and shown on the
 * terminal the first time.
 */
final class Senders {
  private static final Logger LOG = LoggerFactory.getLogger(Senders.class);

  private Senders() {}

  static WriteKeys writeKeys(ServiceSettings settings) {
    return settings
        .destinations()
        .map(Senders::sourcesOf)
        .orElseGet(() -> new WriteKeys(settings.writeKeys().orElseGet(() -> generated(settings))));
  }

  private static WriteKeys sourcesOf(Destinations file) {
    return WriteKeys.named(
        file.sources().stream()
            .map(
                source ->
                    new WriteKeys.NamedKey(
                        source.writeKey(), new SourceId(source.id()), source.holder()))
            .toList());
  }

  private static List<String> generated(ServiceSettings settings) {
    GeneratedWriteKey.Key key = GeneratedWriteKey.loadOrCreate(settings.dataDir());
    if (key.created()) {
      Console.out(
          "\n  No WRITE_KEYS set: generated a write key (kept in "
              + key.file()
              + "):\n\n      "
              + key.value()
              + "\n\n  Send calls with it as the HTTP Basic user name. It is shown this once.\n");
    } else {
      LOG.info("WRITE_KEYS is not set: using the generated write key kept in {}", key.file());
    }
    return List.of(key.value());
  }
}
