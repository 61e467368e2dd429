package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.persistence.StoredTraces;
import io.acdest.adapters.persistence.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 23's findings from outside, each a request an attacker or a careless client sends, against the real service:
 * ambiguous framing, h2c, slow headers, guessed tokens, sessions, forged log lines, uploads, keys at rest, open
 * state, bad parameters, the listening address, and what a browser's public write key may do.
 */
class HostileTrafficTest {
  private static final String BROWSER_KEY = "browser-key-4e1a9c";
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private RunningService start(Map<String, String> env) {
    RunningService service = new RunningService(TestDatabase.newDatabaseSettings(10), env);
    open.add(service);
    return service;
  }

  /** Sends raw bytes on one connection and reads everything until the server closes it (or 10 s pass). */
  private static String raw(RunningService service, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.launcher.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          answer.write(buffer, 0, n);
        }
      } catch (java.net.SocketTimeoutException stillOpen) {
        answer.write("\n<<still open after 10 s>>".getBytes(StandardCharsets.ISO_8859_1));
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static int responses(String answers) {
    return answers.split("HTTP/1\\.1 ", -1).length - 1;
  }

  @Test
  void ambiguouslyFramedRequestsAre400AndNothingAfterThemIsRead() throws Exception {
    RunningService service = start(Map.of());
    String smuggled = "GET /admin/messages?state=dead HTTP/1.1\r\nHost: x\r\n\r\n";
    for (String framing :
        List.of(
            "X-Folded: a\r\n b\r\nContent-Length: 2\r\n\r\n{}" + smuggled,
            "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled,
            "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n"
                + smuggled,
            "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}" + smuggled,
            "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" + smuggled)) {
      String answers =
          raw(
              service,
              "POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + framing);
      assertThat(answers).as(framing).startsWith("HTTP/1.1 400");
      assertThat(responses(answers))
          .as("the bytes after it are never read as a request: " + framing)
          .isEqualTo(1);
      assertThat(answers).doesNotContain("still open");
    }
  }

  @Test
  void http2WithoutTlsIsNotSpokenUnlessAsked() throws Exception {
    RunningService service = start(Map.of());
    String upgrade =
        raw(
            service,
            "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
    assertThat(upgrade).doesNotStartWith("HTTP/1.1 101").startsWith("HTTP/1.1 200");
    String priorKnowledge = raw(service, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    assertThat(priorKnowledge)
        .as("no HTTP/2 SETTINGS frame in answer")
        .doesNotContain("<<still open");
    // Netty's HTTP/1 decoder answers the preface as a request of an unknown version: text, never an
    // HTTP/2 frame
    assertThat(priorKnowledge.isEmpty() || priorKnowledge.startsWith("HTTP/"))
        .as(priorKnowledge)
        .isTrue();
    assertThat(priorKnowledge).doesNotStartWith("HTTP/1.1 2");
  }

  @Test
  void aConnectionThatSendsItsHeadersTooSlowlyIsClosed() throws Exception {
    RunningService service = start(Map.of("HTTP_HEADER_TIMEOUT_SECONDS", "1"));
    try (Socket socket = new Socket("127.0.0.1", service.launcher.port())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      int read = 0;
      // a slowloris: a byte of header now and then, never the end of the headers
      for (String piece :
          List.of("GET /health/live HTTP/1.1\r\n", "Host: x\r\n", "X-a: 1\r\n", "X-b: 2\r\n")) {
        try {
          out.write(piece.getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          Thread.sleep(700);
        } catch (IOException closed) {
          read = -1;
          break;
        }
      }
      if (read != -1) {
        read = socket.getInputStream().read();
      }
      assertThat(read).as("closed by the server, with no answer").isEqualTo(-1);
    }
  }

  @Test
  void anIdleConnectionIsClosedAfterItsAnswer() throws Exception {
    // the header timeout set long, so only the idle timeout can close the connection
    RunningService service =
        start(Map.of("HTTP_IDLE_TIMEOUT_SECONDS", "1", "HTTP_HEADER_TIMEOUT_SECONDS", "30"));
    try (Socket socket = new Socket("127.0.0.1", service.launcher.port())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      java.io.InputStream in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      long sent = System.nanoTime();
      int read;
      // the answer, then (keep-alive, nothing more sent) the end of the connection
      while ((read = in.read()) != -1) {
        answer.append((char) read);
      }
      long openMillis = (System.nanoTime() - sent) / 1_000_000;
      assertThat(answer.toString()).startsWith("HTTP/1.1 200");
      assertThat(openMillis)
          .as(
              "closed by the server within seconds of its answer, long before the 15 s read timeout")
          .isLessThan(5_000);
    }
  }

  @Test
  void guessingTheAdminTokenIsSlowedForTheGuesserOnlyAndLogged() {
    ListAppender<ILoggingEvent> lines = listen("operator");
    RunningService service = start(Map.of("TRUSTED_PROXIES", "127.0.0.1"));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      statuses.add(adminFrom(service, "203.0.113.7", "wrong-" + i).statusCode());
    }
    assertThat(statuses.subList(0, 10)).containsOnly(401);
    assertThat(statuses.subList(10, 15)).containsOnly(429);
    HttpResponse<String> throttled = adminFrom(service, "203.0.113.7", RunningService.ADMIN_TOKEN);
    assertThat(throttled.statusCode()).as("even the right token, from the guesser").isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(adminFrom(service, "198.51.100.2", RunningService.ADMIN_TOKEN).statusCode())
        .as("the right token from elsewhere")
        .isEqualTo(200);
    List<String> written = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(written)
        .filteredOn(line -> line.startsWith("event=auth.failed client=203.0.113.7"))
        .hasSize(1);
    assertThat(written)
        .filteredOn(line -> line.startsWith("event=auth.throttled client=203.0.113.7"))
        .hasSize(1);
    assertThat(written).noneSatisfy(line -> assertThat(line).contains("wrong-"));
  }

  private static HttpResponse<String> adminFrom(
      RunningService service, String client, String token) {
    return service.send(
        HttpRequest.newBuilder(URI.create(service.url() + "/admin/messages?state=dead"))
            .header("Authorization", "Bearer " + token)
            .header("X-Forwarded-For", client)
            .GET()
            .build());
  }

  @Test
  void sessionsAreMadeOnlyBySignInAndTheCookieIsSecureBehindATlsProxy() throws Exception {
    RunningService service = start(Map.of("TRUSTED_PROXIES", "127.0.0.1"));
    for (int i = 0; i < 200; i++) {
      HttpResponse<String> anonymous =
          service.send(
              HttpRequest.newBuilder(URI.create(service.url() + "/console/api/session"))
                  .GET()
                  .build());
      assertThat(anonymous.headers().allValues("set-cookie"))
          .noneMatch(c -> c.startsWith("acdest-console="));
    }
    java.net.CookieManager cookies = new java.net.CookieManager();
    java.net.http.HttpClient browser =
        java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
    browser.send(
        HttpRequest.newBuilder(URI.create(service.url() + "/console/api/session"))
            .header("X-Forwarded-Proto", "https")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
    String xsrf =
        cookies.getCookieStore().getCookies().stream()
            .filter(c -> c.getName().equals("XSRF-TOKEN"))
            .findFirst()
            .orElseThrow()
            .getValue();
    HttpResponse<String> signedIn =
        browser.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/console/api/sign-in"))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", xsrf)
                .header("X-Forwarded-Proto", "https")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"token\":\"" + RunningService.ADMIN_TOKEN + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(signedIn.headers().allValues("set-cookie"))
        .anySatisfy(
            cookie ->
                assertThat(cookie)
                    .startsWith("acdest-console=")
                    .containsIgnoringCase("Secure")
                    .containsIgnoringCase("HttpOnly"));
  }

  @Test
  void aRefusedConsoleChangeIsOneShortLineAndAnUploadNeverReachesTheDisk() throws Exception {
    ListAppender<ILoggingEvent> everything = listen(org.slf4j.Logger.ROOT_LOGGER_NAME);
    RunningService service = start(Map.of());
    Path uploads = Path.of("file-uploads");
    if (Files.isDirectory(uploads)) {
      try (var left = Files.walk(uploads)) {
        left.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> refused =
          service.send(
              HttpRequest.newBuilder(
                      URI.create(service.url() + "/console/api/retry-dead?state=dead"))
                  .header("Content-Type", "multipart/form-data; boundary=xx")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "--xx\r\nContent-Disposition: form-data; name=\"f\"; "
                              + "filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                              + "A".repeat(4000)
                              + "\r\n--xx--\r\n"))
                  .build());
      assertThat(refused.statusCode()).isEqualTo(403);
    }
    List<ILoggingEvent> lines = List.copyOf(everything.list);
    assertThat(lines).noneMatch(line -> line.getThrowableProxy() != null);
    assertThat(lines)
        .filteredOn(line -> line.getFormattedMessage().startsWith("event=console.csrf_refused"))
        .hasSize(1);
    assertThat(uploads).as("no multipart upload written to disk").doesNotExist();
  }

  @Test
  void aWriteKeyInTheBodyIsNeverStored() throws Exception {
    RunningService service = start(Map.of());
    HttpResponse<String> sent =
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/batch"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"writeKey\":\""
                            + RunningService.WRITE_KEY
                            + "\",\"batch\":[{\"type\":\"track\",\"userId\":\"u-k\","
                            + "\"event\":\"Keyed\",\"messageId\":\"keyed-1\",\"writeKey\":\""
                            + RunningService.WRITE_KEY
                            + "\"}]}"))
                .build());
    assertThat(sent.statusCode()).isEqualTo(200);
    service.post(
        "/v1/track",
        "{\"userId\":\"u-k\",\"event\":\"Keyed\",\"messageId\":\"keyed-2\",\"writeKey\":\""
            + RunningService.WRITE_KEY
            + "\"}");
    DataSource db = service.launcher.injector().getInstance(DataSource.class);
    assertThat(StoredTraces.of(db, "keyed-1")).isNotEmpty();
    assertThat(StoredTraces.of(db, RunningService.WRITE_KEY)).isEmpty();
  }

  @Test
  void badAdminParametersAre400NotAnOutage() {
    RunningService service = start(Map.of());
    for (String path :
        List.of(
            "/admin/erasures?limit=abc", "/admin/erasures?limit=0", "/admin/messages?limit=x")) {
      HttpResponse<String> answer =
          service.send(
              HttpRequest.newBuilder(URI.create(service.url() + path))
                  .header("Authorization", "Bearer " + RunningService.ADMIN_TOKEN)
                  .GET()
                  .build());
      assertThat(answer.statusCode()).as(path).isEqualTo(400);
      assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
      assertThat(answer.body()).contains("limit");
    }
  }

  @Test
  void theServiceCanListenOnLoopbackOnlyAndTheSandboxAlwaysDoes() throws Exception {
    Optional<InetAddress> outside =
        Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
            .filter(
                network -> {
                  try {
                    return network.isUp() && !network.isLoopback();
                  } catch (IOException e) {
                    return false;
                  }
                })
            .flatMap(network -> Collections.list(network.getInetAddresses()).stream())
            .filter(address -> address instanceof java.net.Inet4Address)
            .findFirst();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        outside.isPresent(), "no address but loopback here");
    RunningService service = start(Map.of("BIND_ADDRESS", "127.0.0.1"));
    int sandboxPort = URI.create(service.sandbox().baseUrl()).getPort();
    for (int port : new int[] {service.launcher.port(), sandboxPort}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> new Socket(outside.get(), port).close())
          .as("port " + port + " on " + outside.get())
          .isInstanceOf(IOException.class);
      new Socket("127.0.0.1", port).close();
    }
  }

  @Test
  void aBrowsersPublicKeyMayNotChangeListsResetTagsOrAKnownUsersEmail() {
    RunningService service =
        start(Map.of("WRITE_KEYS", RunningService.WRITE_KEY + ":server," + BROWSER_KEY));
    service.post(
        "/v1/identify",
        "{\"userId\":\"u-b\",\"messageId\":\"b-1\",\"traits\":{\"email\":\"b@example.com\","
            + "\"firstName\":\"Bea\",\"tags\":[\"vip\",\"beta\"],\"lists\":[{\"id\":1,\"status\":\"active\"}]}}");
    await().atMost(Duration.ofSeconds(30)).until(() -> service.stateOf("b-1").equals("delivered"));

    // the same page's key, as a browser sends it: text/plain with the key inside, from the shop's
    // origin
    HttpResponse<String> fromPage =
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/i"))
                .header("Content-Type", "text/plain")
                .header("Origin", "https://shop.example")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"writeKey\":\""
                            + BROWSER_KEY
                            + "\",\"type\":\"identify\","
                            + "\"userId\":\"u-b\",\"messageId\":\"b-2\",\"traits\":{\"email\":\"attacker@example.com\","
                            + "\"firstName\":\"Eve\",\"tagsReset\":1,\"tags\":[\"hacked\"],"
                            + "\"lists\":[{\"id\":1,\"status\":\"unsubscribed\"}]}}"))
                .build());
    assertThat(fromPage.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> service.stateOf("b-2").equals("delivered"));

    JsonNode contact = null;
    for (JsonNode c : service.sandbox().state().path("contacts")) {
      if (c.path("email").asText().equals("b@example.com")) {
        contact = c;
      }
    }
    assertThat(contact).as("the contact keeps its email").isNotNull();
    assertThat(contact.path("lists").path("1").asText()).as("still subscribed").isEqualTo("1");
    assertThat(contact.path("tags").toString()).contains("vip", "beta", "hacked");
    assertThat(contact.path("firstName").asText())
        .as("the rest of the identify applies")
        .isEqualTo("Eve");
    JsonNode message = service.admin("/admin/messages/b-2").path("messages").path(0);
    assertThat(message.path("warnings").toString())
        .contains("list subscriptions", "reset a contact's tags");
    assertThat(message.path("reason").asText()).contains("may not change a known user's email");
  }

  private ListAppender<ILoggingEvent> listen(String logger) {
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    Logger target = (Logger) LoggerFactory.getLogger(logger);
    target.addAppender(lines);
    open.add(() -> target.detachAppender(lines));
    return lines;
  }
}
