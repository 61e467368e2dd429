package io.acdest.application.fakes;

import io.acdest.domain.port.out.Suppressions;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** In-memory suppressions: hashes by suppression id. */
public final class InMemorySuppressions implements Suppressions {
  private final Map<String, Set<String>> byId = new HashMap<>();

  @Override
  public synchronized Set<String> suppressedAmong(Set<String> hashes) {
    Set<String> found = new HashSet<>();
    byId.values()
        .forEach(suppressed -> hashes.stream().filter(suppressed::contains).forEach(found::add));
    return found;
  }

  @Override
  public synchronized String suppress(Set<String> hashes, Instant at) {
    String id = UUID.randomUUID().toString();
    byId.put(id, Set.copyOf(hashes));
    return id;
  }

  @Override
  public synchronized boolean lift(String suppressionId) {
    return byId.remove(suppressionId) != null;
  }
}
