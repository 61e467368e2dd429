package io.acdest.domain.port.out;

import java.time.Instant;
import java.util.Set;

/**
 * Outgoing port: people who asked to be forgotten and not tracked again, kept only as one-way hashes of their
 * identifiers ({@code PersonIdentifiers.hashes}). A call naming one is stored {@code filtered} without its content.
 */
public interface Suppressions {

  /** The reason of a call of a suppressed person. */
  String KEPT_OUT = "suppressed: the person asked to be forgotten";

  /** Of these hashes, the suppressed ones (one look-up per request of calls). */
  Set<String> suppressedAmong(Set<String> hashes);

  /** Suppresses the hashes together; the suppression's id. */
  String suppress(Set<String> hashes, Instant at);

  /** Lifts a suppression; false when there is none with this id. */
  boolean lift(String suppressionId);
}
