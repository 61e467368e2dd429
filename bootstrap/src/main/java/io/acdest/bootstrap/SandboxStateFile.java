package io.acdest.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a built-in sandbox's account under {@code DATA_DIR} across restarts, as the service's own memory of it is kept
 * there: read at start, written a moment after the account changed and at stop, each time whole to a new file moved
 * over the old one (never half written). A {@code kill -9} loses at most the last {@link #EVERY} of the sandbox's
 * changes; the service then delivers them again, as it would to an account that lost them.
 */
final class SandboxStateFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxStateFile.class);
  static final Duration EVERY = Duration.ofMillis(250);

  private final Path file;
  private final Supplier<JsonNode> snapshot;
  private final LongSupplier changes;
  private final ObjectMapper json = new ObjectMapper();
  private long saved = -1;
  private Thread writer;

  /**
   * @param snapshot the sandbox's state as it holds it
   * @param changes how many changes the sandbox has had: a snapshot is written only when this moved
   */
  SandboxStateFile(Path file, Supplier<JsonNode> snapshot, LongSupplier changes) {
    this.file = file;
    this.snapshot = snapshot;
    this.changes = changes;
  }

  /** What the file holds, if a sandbox was kept there before. */
  static Optional<JsonNode> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ObjectMapper().readTree(file.toFile()));
    } catch (IOException unreadable) {
      throw new UncheckedIOException(
          "the built-in sandbox's state in "
              + file
              + " cannot be read (delete the file to"
              + " start the sandbox empty)",
          unreadable);
    }
  }

  /** Starts writing the sandbox's changes as they come. */
  synchronized void start() {
    saved = changes.getAsLong();
    writer =
        Thread.ofVirtual()
            .name("sandbox-state")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      Thread.sleep(EVERY);
                      saveIfChanged();
                    } catch (InterruptedException stopping) {
                      return;
                    } catch (RuntimeException failed) {
                      LOG.warn(
                          "could not keep the built-in sandbox's state in {}: {}",
                          file,
                          failed.getMessage());
                    }
                  }
                });
  }

  /** Writes the sandbox's state when it changed since it was last written. */
  synchronized void saveIfChanged() {
    long now = changes.getAsLong();
    if (now == saved) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Path next = file.resolveSibling(file.getFileName() + ".next");
      json.writeValue(next.toFile(), snapshot.get());
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      saved = now;
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }

  /** Stops writing, after writing the last changes. */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      running = writer;
      writer = null;
    }
    if (running != null) {
      running.interrupt();
      try {
        running.join(Duration.ofSeconds(5));
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
      }
    }
    saveIfChanged();
  }
}
