package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acdest.adapters.activecampaign.sandbox.SandboxFault;
import io.acdest.adapters.persistence.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * Issue 27 in a real headless Chromium, at 1440 px and at 390 px: after a day's mix of traffic (delivered calls, two
 * identifies dead with the same CRM error, a destination paused by event tracking turned off, an erasure), the
 * destination's report (funnel, chart with axes, errors by reason with samples, "see these" and "retry these" with
 * counts), the pause banner on every page with the CRM's words, the refused 200 on its attempt, tables with people's
 * columns and local times, each tab's own filters in the URL (the stale-filter case), the live tail, the erasure log,
 * the sandbox as tables, and {@code /}. Screenshots go to {@code bootstrap/target/screenshots}.
 */
class OperatorConsoleBrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String INVALID_EMAIL =
      "{\"errors\":[{\"title\":\"Contact Email Address is not valid.\",\"detail\":\"\",\"code\":\"email_invalid\"}]}";

  private RunningService service;
  private Browser browser;

  @BeforeEach
  void start() {
    Browser.assumeAvailable();
    service = new RunningService(TestDatabase.newDatabaseSettings(10), Map.of());
    browser = Browser.start();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (service != null) {
      service.close();
    }
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(
        SCREENSHOTS.resolve(name + ".png"), browser.driver.getScreenshotAs(OutputType.BYTES));
  }

  private WebElement visible(String id) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> browser.driver.findElement(By.id(id)).isDisplayed());
    return browser.driver.findElement(By.id(id));
  }

  private String text(String id) {
    return browser.driver.findElement(By.id(id)).getText();
  }

  private void open(String hash) {
    browser.driver.get(service.url() + "/console/#" + hash);
  }

  private void waitForText(String id, String expected) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(text(id)).contains(expected));
  }

  private boolean fitsTheWidth() {
    return (Boolean) browser.run("done(document.documentElement.scrollWidth <= window.innerWidth)");
  }

  /** No state badge or time wraps inside a word: each is one line box. */
  private boolean badgesAndTimesOnOneLine() {
    return (Boolean)
        browser.run(
            "done([...document.querySelectorAll('.state, time')].filter(e => e.offsetParent !== null)"
                + ".every(e => e.getClientRects().length === 1))");
  }

  private void aDayOfMixedTraffic() {
    service
        .sandbox()
        .inject(
            SandboxFault.body("/api/3/contact/sync", 2, 422, "application/json", INVALID_EMAIL));
    for (String who : List.of("ana", "ben")) {
      service.post(
          "/v1/identify",
          "{\"userId\":\""
              + who
              + "\",\"messageId\":\"dead-"
              + who
              + "\",\"traits\":{\"email\":\""
              + who
              + "@example.com\",\"firstName\":\""
              + who
              + "\"}}");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                service.stateOf("dead-ana").equals("dead")
                    && service.stateOf("dead-ben").equals("dead"));
    service.post(
        "/v1/track",
        """
        {"userId": "cleo", "messageId": "cleo-joined", "event": "Joined Newsletter",
         "properties": {"email": "cleo@example.com"}}
        """);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> service.stateOf("cleo-joined").equals("delivered"));
    service.sandbox().eventTracking(false);
    service.post(
        "/v1/track",
        """
        {"userId": "cleo", "messageId": "cleo-paused", "event": "Viewed Pricing",
         "properties": {"email": "cleo@example.com"}}
        """);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                service
                        .admin("/admin/messages/cleo-paused")
                        .path("messages")
                        .path(0)
                        .path("attempts")
                        .size()
                    > 0);
    service.send(
        HttpRequest.newBuilder(URI.create(service.url() + "/admin/erasures"))
            .header("Authorization", "Bearer " + RunningService.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"userId\":\"dora\",\"email\":\"dora@example.com\",\"suppress\":true}"))
            .build());
  }

  private void signIn() {
    browser.driver.get(service.url() + "/console/");
    visible("token").sendKeys(RunningService.ADMIN_TOKEN);
    browser.driver.findElement(By.id("sign-in-button")).click();
    visible("overview");
  }

  @Test
  void anOperatorSeesTroubleGroupedLoudAndReadableAtDesktopAndPhoneWidths() throws IOException {
    aDayOfMixedTraffic();
    browser.driver.manage().window().setSize(new Dimension(1440, 1000));
    signIn();

    // a pause is loud on every page: the destination, the CRM's words, since, what to do
    waitForText("pause-banner", "Event tracking is disabled");
    assertThat(text("pause-banner"))
        .contains("Paused: every delivery")
        .contains("Since")
        .contains("What to do:");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> !browser.driver.findElements(By.cssSelector("#chart svg .axis text")).isEmpty());
    assertThat(
            browser.driver.findElements(By.cssSelector("#chart svg .axis text")).stream()
                .map(WebElement::getText)
                .toList())
        .contains("messages per minute")
        .anyMatch(label -> label.startsWith("time (your zone)"));
    assertThat(text("oldest-due")).doesNotContain("T").doesNotContain("Z");
    screenshot("operator-overview-1440");

    // the destination's report: funnel, chart with axes, errors by reason with three-part samples
    browser.driver.findElement(By.cssSelector("a.destination-link")).click();
    waitForText("failures", "Contact Email Address is not valid.");
    assertThat(text("funnel")).contains("received (every source)").contains("dead");
    WebElement invalid =
        browser.driver.findElements(By.cssSelector(".failure")).stream()
            .filter(card -> card.getText().contains("Contact Email Address is not valid."))
            .findFirst()
            .orElseThrow();
    assertThat(invalid.getText())
        .contains("contact.sync: 422 Contact Email Address is not valid.")
        .contains("2 deliveries")
        .contains("You sent")
        .contains("Request to the destination")
        .contains("POST /api/3/contact/sync")
        .contains("Response from the destination")
        .contains("422");
    assertThat(invalid.findElements(By.cssSelector(".sample"))).hasSize(2);
    assertThat(
            browser
                .driver
                .findElements(By.cssSelector("#destination-chart svg .axis text"))
                .stream()
                .map(WebElement::getText)
                .toList())
        .anyMatch(label -> label.startsWith("deliveries per"));
    assertThat(badgesAndTimesOnOneLine()).isTrue();
    screenshot("operator-destination-1440");

    // "see these messages" lists exactly that group's messages, with people's columns
    invalid.findElement(By.cssSelector("a.failure-messages")).click();
    waitForText("search-summary", "2 found");
    assertThat(browser.driver.getCurrentUrl()).contains("#messages?").contains("reason=");
    assertThat(text("results"))
        .contains("Event / name")
        .contains("userId")
        .contains("Email")
        .contains("ana@example.com")
        .contains("ben@example.com");
    assertThat(browser.driver.findElements(By.cssSelector("#results time")))
        .allSatisfy(time -> assertThat(time.getAttribute("title")).endsWith("Z (UTC)"));
    assertThat(text("retry-matching")).isEqualTo("Retry the 2 dead that match");
    screenshot("operator-messages-1440");

    // retrying says how many before and after, and the result stays on the page
    browser.driver.findElement(By.id("retry-matching")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(text("confirm-text")).contains("the 2 dead messages"));
    browser.driver.findElement(By.id("confirm-ok")).click();
    waitForText("retry-result", "2 of 2 dead messages put back in the queue");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(text("retry-result")).contains("2 of 2"));

    // the stale-filter case: each tab keeps its own filters, in its own URL
    open("dead");
    waitForText("search-summary", "(dead only)");
    open("messages?email=cleo%40example.com");
    waitForText("search-summary", "found");
    assertThat(text("search-summary")).startsWith("2 found");
    assertThat(browser.driver.findElement(By.id("search-state")).getAttribute("value")).isEmpty();
    browser.driver.findElement(By.id("nav-dead")).click();
    waitForText("messages-title", "Dead letters");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.driver.getCurrentUrl().endsWith("#dead"));
    assertThat(browser.driver.findElement(By.id("search-email")).getAttribute("value")).isEmpty();
    browser.driver.navigate().refresh();
    open("messages?email=cleo%40example.com");
    waitForText("search-summary", "2 found");

    // the paused track's attempt shows the CRM's refusal although the status was 200
    String source =
        service
            .admin("/admin/messages/cleo-paused")
            .path("messages")
            .path(0)
            .path("source")
            .asText();
    open("message/" + source + "/cleo-paused");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !browser.driver.findElements(By.cssSelector(".attempt-error")).isEmpty());
    assertThat(text("attempts"))
        .containsIgnoringCase("200 (refused)")
        .contains("Event tracking is disabled");
    waitForText("pause-banner", "Event tracking is disabled");
    screenshot("operator-paused-attempt-1440");

    // the live tail shows a call as it arrives, and holds still when paused
    open("live");
    waitForText("live-calls", "cleo-joined");
    service.post(
        "/v1/track",
        "{\"userId\":\"eli\",\"messageId\":\"eli-live\",\"event\":\"Live\",\"properties\":{\"email\":\"eli@example.com\"}}");
    waitForText("live-calls", "eli-live");
    browser.driver.findElement(By.id("live-toggle")).click();
    service.post(
        "/v1/track",
        "{\"userId\":\"eli\",\"messageId\":\"eli-held\",\"event\":\"Live\",\"properties\":{\"email\":\"eli@example.com\"}}");
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .untilAsserted(() -> assertThat(text("live-calls")).doesNotContain("eli-held"));
    browser.driver.findElement(By.id("live-toggle")).click();
    waitForText("live-calls", "eli-held");
    screenshot("operator-live-1440");

    // the erasure log and its suppression, with no one's identifiers
    open("erasures");
    waitForText("erasure-log", "lift");
    assertThat(text("erasure-log")).doesNotContain("dora");
    screenshot("operator-erasures-1440");

    // the sandbox's state as tables, not a wall of JSON
    open("sandbox");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !browser.driver.findElements(By.cssSelector("table.sandbox-table")).isEmpty());
    assertThat((Long) browser.run("done(document.documentElement.scrollHeight)"))
        .isLessThan(8_000L);
    screenshot("operator-sandbox-1440");

    // the same pages at a phone's width: nothing wider than the screen, no word broken
    browser.driver.manage().window().setSize(new Dimension(390, 844));
    for (String page :
        List.of(
            "overview",
            "destination/default?window=24h",
            "messages?email=cleo%40example.com",
            "dead",
            "message/" + source + "/cleo-paused",
            "live",
            "replays",
            "erasures",
            "sandbox")) {
      open(page);
      visible("pause-banner");
      await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
      assertThat(fitsTheWidth()).as(page + " fits 390 px").isTrue();
      assertThat(badgesAndTimesOnOneLine()).as(page + ": badges and times unbroken").isTrue();
      screenshot("operator-" + page.replaceAll("[^a-z]+", "-") + "-390");
    }
  }

  @Test
  void theRootSaysWhatThisIsItsVersionHealthAndWhereTheConsoleIs() {
    browser.driver.get(service.url() + "/");
    String page = browser.driver.findElement(By.tagName("body")).getText();
    assertThat(page)
        .contains("Delivery service")
        .contains("Version:")
        .contains("Ready: up")
        .contains("/console/")
        .contains("docs/operations.md");
  }
}
