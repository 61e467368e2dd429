package io.acdest.bootstrap;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The write key of the embedded default: generated once, kept in {@code DATA_DIR/write-key} (readable by its
 * owner only), and shown on the terminal only when it was just generated.
 */
final class GeneratedWriteKey {
  private GeneratedWriteKey() {}

  /** The key, and whether it was created now. */
  record Key(String value, boolean created, Path file) {}

  static Key loadOrCreate(Path dataDir) {
    SecretFile.Secret secret =
        SecretFile.loadOrCreate(
            dataDir.resolve("write-key"),
            () -> {
              byte[] random = new byte[24];
              new SecureRandom().nextBytes(random);
              return "wk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            });
    return new Key(secret.value(), secret.created(), secret.file());
  }
}
