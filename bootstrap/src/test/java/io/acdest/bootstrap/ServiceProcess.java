package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.persistence.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The service as a separate JVM, started from the test class path with environment settings, on a database and a
 * sandbox account that outlive it; drills kill it with SIGKILL. Its output goes to a log under target/.
 */
final class ServiceProcess {
  private final Map<String, String> env;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;

  /** Settings for an instance on this database and account, with its own port, workers (per lane) and lease. */
  ServiceProcess(
      String name,
      DatabaseSettings database,
      ActiveCampaignSandbox account,
      double rate,
      int workers,
      int leaseSeconds) {
    this(
        name,
        Optional.of(database),
        Path.of("target", name + "-data").toAbsolutePath(),
        account,
        rate,
        workers,
        leaseSeconds);
  }

  /**
   * Settings for an instance on this account; without a database, on the embedded default under {@code dataDir}
   * (what a user who runs {@code java -jar} alone gets).
   */
  ServiceProcess(
      String name,
      Optional<DatabaseSettings> database,
      Path dataDir,
      ActiveCampaignSandbox account,
      double rate,
      int workers,
      int leaseSeconds) {
    env = new HashMap<>(RunningService.deliveringTo(account, rate));
    env.put("HTTP_PORT", Integer.toString(freePort()));
    database.ifPresent(
        db -> {
          env.put("DATABASE_URL", db.jdbcUrl());
          env.put("DATABASE_USER", db.user());
          if (db.password() != null) {
            env.put("DATABASE_PASSWORD", db.password());
          }
        });
    env.put("WRITE_KEYS", RunningService.WRITE_KEY);
    env.put("DATA_DIR", dataDir.toString());
    env.put("DELIVERY_WORKERS", Integer.toString(workers));
    env.put("ACTIVITY_WORKERS", Integer.toString(workers));
    env.put("DELIVERY_LEASE_SECONDS", Integer.toString(leaseSeconds));
    try {
      log = Files.createDirectories(Path.of("target")).resolve(name + ".log");
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets one more environment variable of the service (before {@link #start()}). */
  ServiceProcess with(String variable, String value) {
    env.put(variable, value);
    return this;
  }

  /** Unsets an environment variable of the service (before {@link #start()}). */
  ServiceProcess without(String variable) {
    env.remove(variable);
    return this;
  }

  /** Unsets every environment variable of the service that starts with {@code prefix}. */
  ServiceProcess withoutPrefix(String prefix) {
    env.keySet().removeIf(variable -> variable.startsWith(prefix));
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + env.get("HTTP_PORT");
  }

  /** Starts the process (again, on the same port) and waits until it answers its liveness check. */
  ServiceProcess start() throws IOException {
    process = launch(env);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              assertThat(process.isAlive())
                  .as("the service process is running (see " + log + ")")
                  .isTrue();
              try {
                return http.send(
                            HttpRequest.newBuilder(URI.create(url() + "/health/live"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              } catch (IOException notYet) {
                return false;
              }
            });
    return this;
  }

  /**
   * Starts another process with this one's settings but its own port, and waits for it to end: it must refuse to
   * start (a second service on one DATA_DIR). Returns its exit code; its output is appended to this log.
   */
  int startSecondOnTheSameDataDir(Duration atMost) throws IOException, InterruptedException {
    Map<String, String> second = new HashMap<>(env);
    second.put("HTTP_PORT", Integer.toString(freePort()));
    Process intruder = launch(second);
    if (!intruder.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
      intruder.destroyForcibly().waitFor();
      throw new AssertionError(
          "a second service on " + env.get("DATA_DIR") + " was still running after " + atMost);
    }
    return intruder.exitValue();
  }

  private Process launch(Map<String, String> settings) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-Dlogback.configurationFile=logback.xml", // the service's own logging to its
                // output, not the tests' file
                "-cp",
                classPath,
                Main.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(settings);
    return builder.start();
  }

  /** The service's log so far. */
  String log() throws IOException {
    return Files.readString(log);
  }

  /** The directory the service keeps its embedded database and write key in. */
  Path dataDir() {
    return Path.of(env.get("DATA_DIR"));
  }

  /** The process, while it runs. */
  Optional<ProcessHandle> handle() {
    return Optional.ofNullable(process).filter(Process::isAlive).map(Process::toHandle);
  }

  /** The instance id the running process logged at start (its workers lease jobs as {@code <id>-worker-N}). */
  String instance() throws IOException {
    java.util.regex.Matcher found =
        java.util.regex.Pattern.compile("\\(instance ([0-9a-f]+):").matcher(Files.readString(log));
    String instance = null;
    while (found.find()) {
      instance = found.group(1);
    }
    assertThat(instance).as("the instance id in " + log).isNotNull();
    return instance;
  }

  /** SIGKILL: no shutdown hook runs, nothing is stopped gracefully. */
  void killNine() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, the graceful stop; SIGKILL when it takes over 30 s. */
  void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      killNine();
    }
  }
}
