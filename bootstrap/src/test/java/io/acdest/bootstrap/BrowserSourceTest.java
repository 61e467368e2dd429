package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.persistence.TestDatabase;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Browser sources (§2, issue 13): Segment's browser library, from its npm package, on a website of another origin,
 * in a real headless Chromium, pointed at the service through its Segment.io settings ({@code apiHost},
 * {@code protocol}) as a site would configure it, and given its settings in the page (no CDN: the browser resolves
 * no outside host). What it sends — short paths, {@code text/plain} JSON with the write key inside, CORS preflights,
 * batches, a flush with {@code keepalive} when the page is left — must reach the account like a server's calls.
 */
class BrowserSourceTest {
  private static Vertx vertx;
  private static ActiveCampaignSandbox account;
  private static RunningService service;
  private static ShopSite site;

  @BeforeAll
  static void start() throws Exception {
    Browser.assumeAvailable();
    vertx = Vertx.vertx();
    account = RunningService.fastAccount(vertx);
    service =
        new RunningService(
            TestDatabase.newDatabaseSettings(10), RunningService.deliveringTo(account, 100));
    site = ShopSite.start(vertx, SegmentJsLibraries.analyticsNextUmd());
  }

  @AfterAll
  static void stop() throws Exception {
    if (site != null) {
      site.close();
    }
    if (service != null) {
      service.close();
    }
    if (account != null) {
      account.stop();
    }
    if (vertx != null) {
      vertx.close();
    }
  }

  /** The library's load call, as a site adds it: the write key, and the Segment.io integration aimed here. */
  private static String load(String deliveryStrategy) {
    String apiHost = "127.0.0.1:" + service.launcher.port() + "/v1";
    return "window.analyticsLoaded = AnalyticsNext.AnalyticsBrowser.load({\n"
        + "  writeKey: '"
        + RunningService.WRITE_KEY
        + "', cdnURL: location.origin,\n"
        + "  cdnSettings: { integrations: { 'Segment.io': { apiKey: '"
        + RunningService.WRITE_KEY
        + "', apiHost: '"
        + apiHost
        + "', protocol: 'http'"
        + deliveryStrategy
        + " } }, metrics: { sampleRate: 0 } }\n"
        + "}, { disableClientPersistence: true });\n";
  }

  /** Every resource the page loaded and every request it made, as the browser's own record lists them. */
  private static List<String> requestedUrls(Browser browser) {
    Object urls =
        browser.driver.executeScript(
            "return performance.getEntriesByType('resource').map(e => e.name)");
    List<String> list = new ArrayList<>();
    ((List<?>) urls).forEach(url -> list.add(String.valueOf(url)));
    return list;
  }

  @Test
  void aVisitorsPageIdentifyAndTrackReachTheAccountAsTheContactItsEventAndItsVisit() {
    try (Browser browser = Browser.start()) {
      browser.driver.get(site.origin() + "/landing?visitor=1");
      browser
          .driver
          .findElement(By.id("go"))
          .click(); // the shop page, with the landing page as its referrer
      await().atMost(Duration.ofSeconds(20)).until(() -> browser.driver.getTitle().equals("Shop"));
      Object result =
          browser.run(
              load("")
                  + """
          window.analyticsLoaded.then(async ([analytics]) => {
            await analytics.page('Shop');                       // still anonymous
            await analytics.identify('browser-user-1', { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
            await analytics.track('Order Completed', { acValue: 42.5 });
            done('sent');
          }).catch(e => done('failed: ' + e));
          """);
      assertThat(result).isEqualTo("sent");

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  visitOf(account.state(), "ada@example.com") != null
                      && eventOf(account.state(), "Order Completed", "ada@example.com") != null);
      JsonNode state = account.state();
      JsonNode ada = contact(state, "ada@example.com");
      assertThat(ada.path("firstName").asText()).isEqualTo("Ada");
      assertThat(eventOf(state, "Order Completed", "ada@example.com").path("eventdata").asText())
          .isEqualTo("42.5");
      JsonNode visit = visitOf(state, "ada@example.com");
      assertThat(visit.path("url").asText()).isEqualTo(site.origin() + "/shop?visitor=1");
      assertThat(visit.path("referrer").asText()).isEqualTo(site.origin() + "/landing?visitor=1");
      assertThat(requestedUrls(browser))
          .as("nothing left the machine")
          .allSatisfy(url -> assertThat(url).matches("http://(localhost|127\\.0\\.0\\.1):\\d+/.*"));
    }
  }

  @Test
  void theBatchingStrategyAndAFlushWhenThePageIsLeftArriveToo() {
    try (Browser browser = Browser.start()) {
      browser.driver.get(site.origin() + "/landing?visitor=2");
      browser.driver.findElement(By.id("go")).click();
      await().atMost(Duration.ofSeconds(20)).until(() -> browser.driver.getTitle().equals("Shop"));
      Object result =
          browser.run(
              load(
                      ", deliveryStrategy: { strategy: 'batching', config: { size: 10, timeout: 60000 } }")
                  + """
          window.analyticsLoaded.then(async ([analytics]) => {
            await analytics.identify('browser-user-2', { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' });
            await analytics.page('Shop');
            await analytics.track('Added to Cart', { acValue: 'blue mug' });
            done('queued');
          }).catch(e => done('failed: ' + e));
          """);
      assertThat(result).isEqualTo("queued");
      // three events wait for a batch of ten, or a minute: leaving the page sends them (fetch with
      // keepalive)
      browser.driver.get(site.origin() + "/bye");

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  eventOf(account.state(), "Added to Cart", "grace@example.com") != null
                      && visitOf(account.state(), "grace@example.com") != null);
      JsonNode state = account.state();
      assertThat(contact(state, "grace@example.com").path("lastName").asText()).isEqualTo("Hopper");
      assertThat(eventOf(state, "Added to Cart", "grace@example.com").path("eventdata").asText())
          .isEqualTo("blue mug");
      assertThat(visitOf(state, "grace@example.com").path("referrer").asText())
          .isEqualTo(site.origin() + "/landing?visitor=2");
    }
  }

  @Test
  void aPreflightFromAnyOriginIsAnswered204WithOnlyWhatABrowserNeeds() {
    HttpResponse<String> preflight =
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/t"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://any-shop.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .build());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValueSatisfying(origin -> assertThat(origin).isIn("*", "https://any-shop.example"));
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("POST");
    assertThat(
            preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("authorization")
        .contains("content-type");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
        .as("no cookies")
        .isEmpty();
  }

  @Test
  void corsAllowedOriginsLetsOnlyTheNamedSitesSend() {
    Map<String, String> settings = new LinkedHashMap<>(RunningService.deliveringTo(account, 100));
    settings.put("CORS_ALLOWED_ORIGINS", "https://shop.example, " + site.origin());
    try (RunningService restricted =
        new RunningService(TestDatabase.newDatabaseSettings(4), settings)) {
      assertThat(preflight(restricted, "https://shop.example").statusCode()).isEqualTo(204);
      assertThat(
              preflight(restricted, "https://shop.example")
                  .headers()
                  .firstValue("Access-Control-Allow-Origin"))
          .contains("https://shop.example");
      assertThat(preflight(restricted, "https://elsewhere.example").statusCode()).isEqualTo(403);
      HttpResponse<String> fromElsewhere =
          restricted.send(
              HttpRequest.newBuilder(URI.create(restricted.url() + "/v1/t"))
                  .header("Origin", "https://elsewhere.example")
                  .header("Content-Type", "text/plain")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"writeKey\":\""
                              + RunningService.WRITE_KEY
                              + "\",\"type\":\"track\",\"userId\":\"u\",\"event\":\"Refused\",\"messageId\":\"cors-refused\"}"))
                  .build());
      assertThat(fromElsewhere.statusCode())
          .as("a call from another site is refused")
          .isEqualTo(403);
      assertThat(restricted.stateOf("cors-refused")).as("and not stored").isEmpty();

      // and in a browser: the allowed site's calls arrive
      try (Browser browser = Browser.start()) {
        browser.driver.get(site.origin() + "/shop?visitor=3");
        String apiHost = "127.0.0.1:" + restricted.launcher.port() + "/v1";
        Object sent =
            browser.run(
                load("").replace("127.0.0.1:" + service.launcher.port() + "/v1", apiHost)
                    + """
            window.analyticsLoaded.then(async ([analytics]) => {
              await analytics.identify('browser-user-3', { email: 'alan@example.com', firstName: 'Alan' });
              done('sent');
            }).catch(e => done('failed: ' + e));
            """);
        assertThat(sent).isEqualTo("sent");
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> contactOrNull(account.state(), "alan@example.com") != null);
      }
    }
  }

  private static HttpResponse<String> preflight(RunningService target, String origin) {
    return target.send(
        HttpRequest.newBuilder(URI.create(target.url() + "/v1/b"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "authorization")
            .build());
  }

  private static JsonNode contact(JsonNode state, String email) {
    JsonNode found = contactOrNull(state, email);
    assertThat(found).as("the account's contact " + email).isNotNull();
    return found;
  }

  private static JsonNode contactOrNull(JsonNode state, String email) {
    for (JsonNode contact : state.path("contacts")) {
      if (contact.path("email").asText().equals(email)) {
        return contact;
      }
    }
    return null;
  }

  private static JsonNode eventOf(JsonNode state, String name, String email) {
    for (JsonNode event : state.path("tracking").path("events")) {
      if (event.path("event").asText().equals(name) && event.path("email").asText().equals(email)) {
        return event;
      }
    }
    return null;
  }

  private static JsonNode visitOf(JsonNode state, String email) {
    for (JsonNode visit : state.path("tracking").path("visits")) {
      if (visit.path("email").asText().equals(email)) {
        return visit;
      }
    }
    return null;
  }
}
