package io.acdest.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server a previous run left behind. The embedded server is a separate process: a {@code kill -9} of
 * the service ends the JVM but not the server, which keeps its data directory (and {@code postmaster.pid}) to
 * itself, so the next start could not use it. Called only while the {@link DataDirectoryLock} is held, i.e. when no
 * live service owns the directory, this finds such a server through {@code postmaster.pid} and stops it the way
 * {@code pg_ctl stop -m fast} does (SIGINT: a clean shutdown with a checkpoint), so that the new start finds the data
 * directory as a graceful stop leaves it.
 */
final class OrphanedPostgres {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostgres.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private OrphanedPostgres() {}

  /** The server process {@code postmaster.pid} in this data directory names, if that process still runs as postgres. */
  static Optional<ProcessHandle> find(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    List<String> lines;
    try {
      lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException none) {
      return Optional.empty();
    } catch (IOException unreadable) {
      throw new IllegalStateException(
          "could not read " + pidFile + ": " + unreadable.getMessage(), unreadable);
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).strip());
    } catch (NumberFormatException garbled) {
      return Optional.empty();
    }
    // A pid file outlives a reboot, and its pid may by now belong to another program: only a
    // postgres is ours.
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(process -> servesDirectory(process, pgData));
  }

  /**
   * Stops the orphaned server of this data directory, if there is one, and waits until it has exited; a pid file
   * whose process is gone (or is not a postgres) is left for PostgreSQL, which recognises a stale one itself,
   * except when its pid now belongs to another live program, which PostgreSQL would mistake for a server.
   */
  static void stopIfRunning(Path pgData) {
    Optional<ProcessHandle> orphan = find(pgData);
    if (orphan.isEmpty()) {
      removePidFileOfAnotherProgram(pgData);
      return;
    }
    ProcessHandle server = orphan.get();
    LOG.warn(
        "the embedded PostgreSQL of a previous run is still running (pid {}, left by a crash or kill -9 of the"
            + " service): stopping it before starting again",
        server.pid());
    signal(server, "INT");
    if (!waitForExit(server, STOP_WAIT)) {
      // a fast shutdown should take seconds; one that hangs gets the immediate mode (SIGQUIT: crash
      // recovery follows)
      LOG.warn(
          "the orphaned PostgreSQL (pid {}) did not stop within {} s: stopping it in immediate mode",
          server.pid(),
          STOP_WAIT.toSeconds());
      signal(server, "QUIT");
      if (!waitForExit(server, STOP_WAIT)) {
        throw new IllegalStateException(
            "the orphaned embedded PostgreSQL (pid "
                + server.pid()
                + ") under "
                + pgData
                + " does not stop; stop it by hand and start again");
      }
    }
    LOG.info("the orphaned embedded PostgreSQL (pid {}) stopped", server.pid());
  }

  /** Waits for the process to exit; true when it did. */
  static boolean waitForExit(ProcessHandle process, Duration atMost) {
    try {
      process.onExit().get(atMost.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException stillRunning) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    }
  }

  private static void removePidFileOfAnotherProgram(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip());
      if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()) {
        LOG.warn(
            "postmaster.pid names pid {}, which is not this directory's PostgreSQL now (a reboot?): removing the"
                + " stale file",
            pid);
        Files.delete(pidFile);
      }
    } catch (IOException | RuntimeException unreadable) {
      LOG.warn("could not check {}: {}", pidFile, unreadable.getMessage());
    }
  }

  /**
   * True when the process is a PostgreSQL server started on this data directory ({@code postgres -D <dir>}); where
   * the system does not say (another user's process), the pid file's claim is trusted.
   */
  private static boolean servesDirectory(ProcessHandle process, Path pgData) {
    ProcessHandle.Info info = process.info();
    boolean postgres =
        info.command()
            .map(command -> Path.of(command).getFileName().toString())
            .map(name -> name.equals("postgres") || name.equals("postmaster"))
            .orElse(true);
    String directory = pgData.toAbsolutePath().normalize().toString();
    boolean onThisDirectory =
        info.arguments()
            .map(
                arguments ->
                    List.of(arguments).stream()
                        .anyMatch(
                            argument ->
                                Path.of(argument)
                                    .toAbsolutePath()
                                    .normalize()
                                    .toString()
                                    .equals(directory)))
            .orElse(true);
    return postgres && onThisDirectory;
  }

  private static void signal(ProcessHandle process, String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        process.destroy();
      }
    } catch (IOException noKillCommand) {
      process.destroy(); // SIGTERM: PostgreSQL's smart shutdown, which ends once the dead service's
      // sessions are gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
    }
  }
}
