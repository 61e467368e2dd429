package io.acdest.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.persistence.DatabaseSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The real service, started in-process by its {@link Launcher} from environment-style settings. */
final class RunningService implements AutoCloseable {
  static final String WRITE_KEY = "e2e-write-key-5f2c9a61d0b3";
  static final String ADMIN_TOKEN = "e2e-admin-token-77c1e0";
  private static final AtomicInteger DIRS = new AtomicInteger();

  final Launcher launcher;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  RunningService(DatabaseSettings database, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("HTTP_PORT", "0");
    env.put("DATABASE_URL", database.jdbcUrl());
    env.put("DATABASE_USER", database.user());
    if (database.password() != null) {
      env.put("DATABASE_PASSWORD", database.password());
    }
    env.put("WRITE_KEYS", WRITE_KEY);
    env.put("ADMIN_TOKEN", ADMIN_TOKEN);
    // a directory of its own in each run: the built-in sandbox keeps its account there
    env.put(
        "DATA_DIR",
        Path.of(
                "target",
                "e2e-data-" + ProcessHandle.current().pid() + "-" + DIRS.incrementAndGet())
            .toString());
    env.put("DELIVERY_WORKERS", "2");
    env.put("ACTIVITY_WORKERS", "2");
    if (extra.containsKey("DESTINATIONS_FILE")) {
      env.remove("WRITE_KEYS"); // the file's sources hold the write keys
    }
    env.putAll(extra);
    launcher = new Launcher(ServiceSettings.fromEnvironment(env));
    launcher.start();
  }

  /** Settings that point the service at this sandbox account instead of a built-in one, at this rate on both budgets. */
  static Map<String, String> deliveringTo(ActiveCampaignSandbox account, double rate) {
    return Map.of(
        "ACTIVECAMPAIGN_API_URL",
        account.baseUrl(),
        "ACTIVECAMPAIGN_TRACKING_URL",
        account.baseUrl(),
        "ACTIVECAMPAIGN_API_KEY",
        account.settings().apiKey(),
        "ACTIVECAMPAIGN_ACCOUNT_ID",
        account.settings().accountId(),
        "ACTIVECAMPAIGN_EVENT_KEY",
        account.settings().eventKey(),
        "ACTIVECAMPAIGN_RATE_LIMIT",
        Double.toString(rate),
        "ACTIVECAMPAIGN_TRACKING_RATE_LIMIT",
        Double.toString(rate));
  }

  /** A fast sandbox account of its own (its own Vert.x), for drills that deliver a lot. */
  static ActiveCampaignSandbox fastAccount(io.vertx.core.Vertx vertx) {
    return ActiveCampaignSandbox.start(
        vertx,
        new io.acdest.adapters.activecampaign.sandbox.SandboxSettings(
            "drill-account-key-41d2", "1000", "drill-event-key", 1_000, true, true),
        0);
  }

  /** The names of the events the account received, in the order they arrived. */
  static java.util.List<String> trackedEvents(ActiveCampaignSandbox account) {
    java.util.List<String> events = new java.util.ArrayList<>();
    account
        .state()
        .path("tracking")
        .path("events")
        .forEach(e -> events.add(e.path("event").asText()));
    return events;
  }

  String url() {
    return "http://127.0.0.1:" + launcher.port();
  }

  ActiveCampaignSandbox sandbox() {
    return launcher.sandbox(ActiveCampaignSandbox.class).orElseThrow();
  }

  static String basic(String writeKey) {
    return "Basic "
        + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  /** POSTs a JSON body with the test write key. */
  HttpResponse<String> post(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(url() + path))
            .header("Content-Type", "application/json")
            .header("Authorization", basic(WRITE_KEY))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The admin API's view of a message; a 404 is a missing node. */
  JsonNode admin(String path) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(url() + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .GET()
                .build());
    return read(response.body());
  }

  /** The state of the message with this id, as the admin API shows it; empty when unknown. */
  String stateOf(String messageId) {
    return admin("/admin/messages/" + messageId).path("messages").path(0).path("state").asText("");
  }

  JsonNode read(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }

  @Override
  public void close() {
    launcher.stop();
  }
}
