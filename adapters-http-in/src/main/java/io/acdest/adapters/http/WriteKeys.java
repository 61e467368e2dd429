package io.acdest.adapters.http;

import io.acdest.domain.message.SourceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The write keys that may send calls. A key is never stored or shown: each is known by its source id, the first
 * 16 hex digits of its SHA-256. Candidates are compared by digest in constant time, so timing tells nothing.
 */
public final class WriteKeys {
  private record Known(byte[] digest, SourceId source) {}

  private final List<Known> keys;

  public WriteKeys(List<String> writeKeys) {
    if (writeKeys.isEmpty() || writeKeys.stream().anyMatch(k -> k == null || k.isBlank())) {
      throw new IllegalArgumentException("at least one non-blank write key is required");
    }
    this.keys = writeKeys.stream().map(k -> new Known(sha256(k), sourceOf(k))).toList();
  }

  /** The source id of a write key: {@code wk_} and 16 hex digits of its SHA-256. */
  public static SourceId sourceOf(String writeKey) {
    return new SourceId("wk_" + HexFormat.of().formatHex(sha256(writeKey)).substring(0, 16));
  }

  /** The source of a candidate key, when it is one of the write keys. Every key is compared, match or not. */
  public Optional<SourceId> authenticate(String candidate) {
    if (candidate == null || candidate.isEmpty()) {
      return Optional.empty();
    }
    byte[] digest = sha256(candidate);
    SourceId found = null;
    for (Known key : keys) {
      if (MessageDigest.isEqual(key.digest(), digest)) {
        found = key.source();
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
