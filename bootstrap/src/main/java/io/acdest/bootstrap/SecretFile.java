package io.acdest.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * A secret the service generates once and keeps under {@code DATA_DIR}: created readable and writable by its owner
 * only (from the first byte: the file is made with those permissions), read as it is at every later start.
 */
final class SecretFile {
  private SecretFile() {}

  /** The secret, and whether it was made now. */
  record Secret(String value, boolean created, Path file) {}

  static Secret loadOrCreate(Path file, Supplier<String> generate) {
    Path absolute = file.toAbsolutePath();
    try {
      if (Files.exists(absolute)) {
        return new Secret(
            Files.readString(absolute, StandardCharsets.UTF_8).strip(), false, absolute);
      }
      Files.createDirectories(absolute.getParent());
      String value = generate.get();
      try {
        Files.createFile(
            absolute,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        // not a POSIX file system: the file keeps the directory's permissions
        Files.createFile(absolute);
      } catch (FileAlreadyExistsException raced) {
        return new Secret(
            Files.readString(absolute, StandardCharsets.UTF_8).strip(), false, absolute);
      }
      Files.writeString(absolute, value + "\n", StandardCharsets.UTF_8);
      return new Secret(value, true, absolute);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the secret " + absolute.getFileName() + " could not be kept in " + absolute.getParent(),
          e);
    }
  }
}
