package io.acdest.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    Path file = dataDir.resolve("write-key").toAbsolutePath();
    try {
      if (Files.exists(file)) {
        return new Key(Files.readString(file, StandardCharsets.UTF_8).strip(), false, file);
      }
      Files.createDirectories(dataDir);
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String key = "wk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // not a POSIX file system: the file keeps the directory's permissions
      }
      return new Key(key, true, file);
    } catch (IOException e) {
      throw new UncheckedIOException("the write key could not be stored under " + dataDir, e);
    }
  }
}
