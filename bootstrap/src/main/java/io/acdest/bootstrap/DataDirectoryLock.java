package io.acdest.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One live service per {@code DATA_DIR}: an exclusive lock on {@code DATA_DIR/service.lock}, held while the service
 * runs. The operating system releases it when the process ends, however it ends (a {@code kill -9} too), so a lock
 * that can be taken means no service is using the directory, and anything still running on it is an orphan.
 */
final class DataDirectoryLock implements AutoCloseable {
  static final String FILE = "service.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock, or throws {@link DataDirectoryInUse} at once when another live process (or another service in
   * this JVM) holds it; the message names the directory and the holder's pid.
   */
  static DataDirectoryLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE).toAbsolutePath();
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldInThisJvm) {
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        throw new DataDirectoryInUse(
            "DATA_DIR "
                + dataDir.toAbsolutePath()
                + " is in use by another running instance"
                + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                + ": stop it, or give this one its own DATA_DIR (or a DATABASE_URL)");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
          0);
      channel.force(true);
      return new DataDirectoryLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("could not lock " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // the channel's close below releases it as well
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }

  /** Another live service uses the data directory. */
  static final class DataDirectoryInUse extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DataDirectoryInUse(String message) {
      super(message);
    }
  }
}
