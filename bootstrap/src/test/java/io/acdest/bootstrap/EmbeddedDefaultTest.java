package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.activecampaign.sandbox.SandboxFault;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded default as users run it (no DATABASE_URL: {@code java -jar} alone), as a real process: durable
 * settings, one service per DATA_DIR, recovery from {@code kill -9}, and nothing left running after a graceful stop
 * (§6, issue 11).
 */
class EmbeddedDefaultTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Vertx vertx;
  private ActiveCampaignSandbox account;
  private ServiceProcess service;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    account = RunningService.fastAccount(vertx);
    Path dataDir =
        Files.createTempDirectory(Path.of("target").toAbsolutePath(), "embedded-default");
    service =
        new ServiceProcess(
            "embedded-" + dataDir.getFileName(), Optional.empty(), dataDir, account, 100, 2, 10);
  }

  @AfterEach
  void stop() throws Exception {
    service.stop();
    account.stop();
    vertx.close();
  }

  private int track(String messageId) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/track"))
                .header("Content-Type", "application/json")
                .header("Authorization", RunningService.basic(RunningService.WRITE_KEY))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"userId\":\"u1\",\"event\":\""
                            + messageId
                            + "\",\"messageId\":\""
                            + messageId
                            + "\",\"properties\":{\"email\":\"u1@example.com\"}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /**
   * Issue 27: the start-up of the embedded default with its built-in sandbox, as {@code java -jar} alone runs it,
   * prints no warning at all (no library's, no JVM's) and says where the data is, which destinations it delivers to,
   * where the console is, and where the schema stands, once.
   */
  @Test
  void theStartUpWarnsOfNothingAndSaysWhatAnOperatorActsOn() throws Exception {
    service
        .withoutPrefix("ACTIVECAMPAIGN_")
        .without("WRITE_KEYS")
        .with("ADMIN_TOKEN", "a-long-enough-admin-token")
        .start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> service.log().contains("console: http://localhost:"));
    List<String> lines = service.log().lines().toList();
    assertThat(lines)
        .as("start-up lines")
        .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "))
        .noneMatch(line -> line.startsWith("WARNING:"))
        .anyMatch(
            line -> line.contains("starting the embedded PostgreSQL under " + service.dataDir()))
        .anyMatch(
            line -> line.contains("listening on port") && line.contains("delivering to default"))
        .anyMatch(line -> line.contains("BUILT-IN ACTIVECAMPAIGN SANDBOX"))
        .anyMatch(line -> line.contains("console: http://localhost:"));
    assertThat(lines.stream().filter(line -> line.contains("database schema at version 14")))
        .hasSize(1);
    assertThat(lines).noneMatch(line -> line.contains("o.f.c") || line.contains("FlywayExecutor"));
  }

  @Test
  void itIsDurableRefusesASecondServiceOnItsDataDirAndStopsWithTheService() throws Exception {
    service.start();
    EmbeddedServer server = EmbeddedServer.of(service.dataDir()).orElseThrow();
    assertThat(server.query("SHOW fsync")).isEqualTo("on");
    assertThat(server.query("SHOW synchronous_commit")).isEqualTo("on");
    assertThat(server.query("SHOW full_page_writes")).isEqualTo("on");

    long before = System.nanoTime();
    int exit = service.startSecondOnTheSameDataDir(Duration.ofSeconds(30));
    long refusedAfterMillis = (System.nanoTime() - before) / 1_000_000;
    assertThat(exit).as("the second service exits with an error").isNotZero();
    assertThat(service.log())
        .contains(
            "is in use by another running instance (pid " + service.handle().orElseThrow().pid());
    System.out.printf(
        "embedded default: a second service on the same DATA_DIR exited with %d after %d ms%n",
        exit, refusedAfterMillis);
    assertThat(server.running()).as("the first service's database is undisturbed").isTrue();
    assertThat(track("after-the-intruder"))
        .as("the first service still stores calls")
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> RunningService.trackedEvents(account).contains("after-the-intruder"));

    service.stop();
    assertThat(server.running()).as("a graceful stop leaves no PostgreSQL behind").isFalse();
  }

  @Test
  void afterKillNineTheNextStartStopsTheOrphanedServerAndDeliversWhatWasAcknowledged()
      throws Exception {
    account.inject(SandboxFault.outage("/event", 503, Duration.ofSeconds(3600)));
    service.start();
    for (int i = 0; i < 20; i++) {
      assertThat(track("before-kill-" + i)).isEqualTo(200);
    }
    EmbeddedServer orphan = EmbeddedServer.of(service.dataDir()).orElseThrow();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Integer.parseInt(
                        orphan.query("SELECT count(*) FROM attempts WHERE http_status = 503"))
                    >= 1);
    service.killNine();
    assertThat(orphan.running())
        .as("kill -9 of the service leaves its PostgreSQL running")
        .isTrue();

    account.clearFaults();
    long before = System.nanoTime();
    service.start();
    long restartMillis = (System.nanoTime() - before) / 1_000_000;
    EmbeddedServer restarted = EmbeddedServer.of(service.dataDir()).orElseThrow();
    assertThat(orphan.running()).as("the orphaned server was stopped").isFalse();
    assertThat(restarted.pid()).isNotEqualTo(orphan.pid());
    assertThat(service.log())
        .contains("the embedded PostgreSQL of a previous run is still running");
    System.out.printf(
        "embedded default: restart after kill -9 (orphaned PostgreSQL pid %d stopped) took %d ms%n",
        orphan.pid(), restartMillis);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> RunningService.trackedEvents(account).size() >= 20);
    List<String> delivered = RunningService.trackedEvents(account);
    assertThat(Set.copyOf(delivered)).as("every acknowledged call delivered").hasSize(20);
    assertThat(delivered.size() - 20)
        .as("repeated: at most the requests in flight at the kill, one per worker")
        .isLessThanOrEqualTo(2);
  }
}
