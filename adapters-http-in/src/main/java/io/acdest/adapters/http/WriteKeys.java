package io.acdest.adapters.http;

import io.acdest.domain.call.CallLimits;
import io.acdest.domain.message.SourceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The write keys that may send calls. A key is never stored or shown: each is known by its source id, the first
 * 16 hex digits of its SHA-256. Candidates are compared by digest in constant time, so timing tells nothing.
 *
 * <p>A key may say what kind of source holds it, after a colon ({@code WRITE_KEYS=k1:server,k2:browser,k3}): a
 * {@code browser} key is in every page of a site and so public, and its calls are limited ({@link CallLimits#BROWSER});
 * a {@code server} key's calls never are; a key that says neither has its calls limited when they come the way a
 * browser sends them (an {@code Origin} header, or a {@code text/plain} body). Decision 0024.
 */
public final class WriteKeys {
  /** What kind of source holds a key. */
  public enum Holder {
    /** Known to be kept on servers: its calls may do everything. */
    SERVER,
    /** Known to be in pages: every call is limited. */
    BROWSER,
    /** Not said: a call is limited when a browser sent it. */
    EITHER
  }

  /** A source that sent a call: its id and what kind of source holds its key. */
  public record Source(SourceId id, Holder holder) {
    /** What a call from this source may not do, sent by a browser or not. */
    public CallLimits limits(boolean fromBrowser) {
      return holder == Holder.BROWSER || (holder == Holder.EITHER && fromBrowser)
          ? CallLimits.BROWSER
          : CallLimits.NONE;
    }
  }

  private record Known(byte[] digest, Source source) {}

  private final List<Known> keys;

  /** @param writeKeys each a key, optionally followed by {@code :server} or {@code :browser} */
  public WriteKeys(List<String> writeKeys) {
    if (writeKeys.isEmpty() || writeKeys.stream().anyMatch(k -> k == null || k.isBlank())) {
      throw new IllegalArgumentException("at least one non-blank write key is required");
    }
    this.keys = writeKeys.stream().map(WriteKeys::known).toList();
  }

  private WriteKeys(Stream<Known> keys) {
    this.keys = keys.toList();
  }

  /** A named source's write key (a source of the destinations file): its calls are stored under its name. */
  public record NamedKey(String key, SourceId source, Holder holder) {
    @Override
    public String toString() {
      return "NamedKey[" + source.value() + ", key=***, " + holder + "]";
    }
  }

  /** The write keys of named sources. */
  public static WriteKeys named(List<NamedKey> keys) {
    if (keys.isEmpty() || keys.stream().anyMatch(k -> k.key() == null || k.key().isBlank())) {
      throw new IllegalArgumentException("at least one non-blank write key is required");
    }
    return new WriteKeys(
        keys.stream()
            .map(k -> new Known(sha256(k.key().strip()), new Source(k.source(), k.holder()))));
  }

  private static Known known(String entry) {
    Holder holder = Holder.EITHER;
    String key = entry.strip();
    int colon = key.lastIndexOf(':');
    if (colon > 0) {
      String kind = key.substring(colon + 1).toLowerCase(Locale.ROOT);
      if (kind.equals("server") || kind.equals("browser")) {
        holder = kind.equals("server") ? Holder.SERVER : Holder.BROWSER;
        key = key.substring(0, colon);
      }
    }
    return new Known(sha256(key), new Source(sourceOf(key), holder));
  }

  /** The source id of a write key: {@code wk_} and 16 hex digits of its SHA-256. */
  public static SourceId sourceOf(String writeKey) {
    return new SourceId("wk_" + HexFormat.of().formatHex(sha256(writeKey)).substring(0, 16));
  }

  /** The source of a candidate key, when it is one of the write keys. Every key is compared, match or not. */
  public Optional<SourceId> authenticate(String candidate) {
    return source(candidate).map(Source::id);
  }

  /** The source, with what kind of source holds the key, when the candidate is one of the write keys. */
  public Optional<Source> source(String candidate) {
    if (candidate == null || candidate.isEmpty()) {
      return Optional.empty();
    }
    byte[] digest = sha256(candidate);
    Source found = null;
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
