package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With nothing configured (§6): embedded PostgreSQL under DATA_DIR, a generated write key, the sandbox. */
class EmbeddedDefaultsTest {

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theEmbeddedDatabaseAndTheGeneratedKeySurviveARestart() throws Exception {
    Path dataDir =
        Files.createTempDirectory(Path.of("target").toAbsolutePath(), "embedded-defaults");
    Map<String, String> env =
        Map.of("HTTP_PORT", "0", "DATA_DIR", dataDir.toString(), "ADMIN_TOKEN", "t0ken");
    String key;
    Launcher first = new Launcher(ServiceSettings.fromEnvironment(env));
    first.start();
    try {
      key = Files.readString(dataDir.resolve("write-key")).strip();
      assertThat(first.sandbox(ActiveCampaignSandbox.class))
          .as("no ActiveCampaign URL: the sandbox")
          .isPresent();
      HttpResponse<String> accepted =
          send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.port() + "/v1/track"))
                  .header("Content-Type", "application/json")
                  .header(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"userId\":\"u\",\"event\":\"Kept\",\"messageId\":\"kept-1\"}"))
                  .build());
      assertThat(accepted.statusCode()).isEqualTo(200);
    } finally {
      first.stop();
    }
    assertThat(dataDir.resolve("postgres")).isDirectory();

    Launcher second = new Launcher(ServiceSettings.fromEnvironment(env));
    second.start();
    try {
      assertThat(Files.readString(dataDir.resolve("write-key")).strip())
          .as("the same key")
          .isEqualTo(key);
      HttpResponse<String> found =
          send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + second.port() + "/admin/messages/kept-1"))
                  .header("Authorization", "Bearer t0ken")
                  .GET()
                  .build());
      assertThat(found.statusCode()).as("the message stored before the restart").isEqualTo(200);
      assertThat(found.body()).contains("\"messageId\":\"kept-1\"");
      HttpResponse<String> open =
          send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + second.port() + "/sandbox/state"))
                  .GET()
                  .build());
      assertThat(open.statusCode())
          .as("the sandbox holds contacts' personal data: behind the admin token (issue 23)")
          .isEqualTo(401);
      assertThat(open.body()).doesNotContain("\"contacts\"");
      HttpResponse<String> state =
          send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + second.port() + "/sandbox/state"))
                  .header("Authorization", "Bearer t0ken")
                  .GET()
                  .build());
      assertThat(state.statusCode()).isEqualTo(200);
      assertThat(state.body()).contains("\"contacts\"");
    } finally {
      second.stop();
    }
  }

  @Test
  void theEmbeddedDatabaseLetsNoOneInWithoutItsPassword() throws Exception {
    // issue 23: psql -h 127.0.0.1 -U postgres logged in as superuser with no password (pg_hba:
    // trust)
    Path dataDir =
        Files.createTempDirectory(Path.of("target").toAbsolutePath(), "embedded-password");
    Launcher service =
        new Launcher(
            ServiceSettings.fromEnvironment(
                Map.of("HTTP_PORT", "0", "DATA_DIR", dataDir.toString())));
    service.start();
    try {
      EmbeddedServer server = EmbeddedServer.of(dataDir).orElseThrow();
      Path password = dataDir.resolve("postgres-password");
      assertThat(java.nio.file.Files.getPosixFilePermissions(password))
          .containsExactlyInAnyOrder(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
      assertThat(Files.readString(dataDir.resolve("postgres").resolve("pg_hba.conf")))
          .doesNotContain("trust");
      for (String user : new String[] {"postgres", "someone"}) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () ->
                    java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", user, ""))
            .isInstanceOf(java.sql.SQLException.class);
      }
      assertThat(server.query("SELECT current_setting('listen_addresses')")).isEqualTo("localhost");
    } finally {
      service.stop();
    }
    // and again after a restart, on the same directory
    Launcher again =
        new Launcher(
            ServiceSettings.fromEnvironment(
                Map.of("HTTP_PORT", "0", "DATA_DIR", dataDir.toString())));
    again.start();
    try {
      EmbeddedServer server = EmbeddedServer.of(dataDir).orElseThrow();
      assertThat(server.query("SELECT count(*) FROM messages")).isEqualTo("0");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  java.sql.DriverManager.getConnection(
                      "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", "postgres", ""))
          .isInstanceOf(java.sql.SQLException.class);
    } finally {
      again.stop();
    }
  }
}
