package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acdest.adapters.activecampaign.sandbox.SandboxFault;
import io.acdest.adapters.http.ConsoleApi;
import io.acdest.adapters.persistence.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The operators' console in a real headless Chromium (the browser set-up of the browser sources, decision 0017):
 * sign in, go from an email to the CRM's error text, retry a dead message and see it delivered, the chart, a trait
 * holding {@code <script>} shown as text, a wrong token refused, a change without the CSRF token refused.
 * Screenshots go to {@code bootstrap/target/screenshots}.
 */
class ConsoleBrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String JANE = "jane.kim@example.com";

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

  private void signIn(String token) {
    browser.driver.get(service.url() + "/console/");
    visible("token").sendKeys(token);
    browser.driver.findElement(By.id("sign-in-button")).click();
  }

  /** A dead identify for Jane whose trait holds markup, and a delivered track: what an operator looks into. */
  private void janeHasADeadIdentify() {
    service
        .sandbox()
        .inject(
            SandboxFault.body(
                "/api/3/contact/sync",
                1,
                422,
                "application/json",
                "{\"errors\":[{\"title\":\"Contact Email Address is not valid.\",\"detail\":\"\",\"code\":\"email_invalid\"}]}"));
    service.post(
        "/v1/identify",
        """
        {"userId": "ze8rt1u89", "messageId": "jane-identify", "traits": {"firstName": "Jane", "lastName": "Kim",
         "email": "jane.kim@example.com", "note": "<script>window.pwned = 1</script><img src=x onerror=alert(1)>"}}
        """);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> service.stateOf("jane-identify").equals("dead"));
    service.post(
        "/v1/track",
        """
        {"userId": "someone", "messageId": "other-track", "event": "Joined", "properties": {"email": "x@example.com"}}
        """);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> service.stateOf("other-track").equals("delivered"));
  }

  @Test
  void fromAnEmailToTheCrmsErrorTextInThreeClicksThenRetryAndSeeItDelivered() throws IOException {
    janeHasADeadIdentify();
    signIn(RunningService.ADMIN_TOKEN);
    visible("overview");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !browser.driver.findElements(By.cssSelector("#chart svg rect")).isEmpty());
    assertThat(browser.driver.findElement(By.id("last-hour")).getText())
        .contains("identify")
        .contains("dead");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(browser.driver.findElement(By.id("destinations")).getText())
                    .contains("default")
                    .contains("activecampaign")
                    .containsIgnoringCase("delivering"));
    screenshot("console-overview");

    browser.driver.findElement(By.id("nav-messages")).click(); // 1
    visible("search-email").sendKeys(JANE);
    browser.driver.findElement(By.id("search-button")).click(); // 2
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !browser.driver.findElements(By.cssSelector("a.message-link")).isEmpty());
    assertThat(browser.driver.findElement(By.id("search-summary")).getText()).startsWith("1 found");
    screenshot("console-search");
    browser.driver.findElement(By.cssSelector("a.message-link")).click(); // 3
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !browser.driver.findElements(By.cssSelector(".attempt-error")).isEmpty());
    assertThat(browser.driver.findElements(By.cssSelector(".attempt-error")))
        .extracting(WebElement::getText)
        .anySatisfy(error -> assertThat(error).contains("Contact Email Address is not valid."));
    assertThat(browser.driver.findElement(By.id("attempts")).getText())
        .contains("POST /api/3/contact/sync")
        .contains("422");
    assertThat(browser.driver.findElement(By.id("deliveries")).getText())
        .as("the message's delivery to its one destination")
        .contains("default")
        .containsIgnoringCase("dead");

    // the trait's markup is text on the page, and nothing of it ran
    assertThat(browser.driver.findElement(By.id("call")).getText())
        .contains("<script>window.pwned = 1</script>");
    assertThat(
            browser.run(
                "done(window.pwned === undefined && document.querySelectorAll('#call *').length === 0)"))
        .isEqualTo(true);
    assertThat(browser.driver.findElement(By.id("call")).getText())
        .doesNotContain(RunningService.WRITE_KEY);
    screenshot("console-message");

    visible("retry-one").click();
    visible("confirm-ok").click();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              browser.driver.navigate().refresh();
              return browser
                  .driver
                  .findElement(By.id("message-state"))
                  .getText()
                  .equalsIgnoreCase("delivered");
            });
    browser.driver.findElement(By.id("nav-overview")).click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> browser.driver.findElement(By.id("last-hour")).getText().contains("delivered"));

    // "Erase this person" from the message's page: the contact goes from the CRM, the messages from
    // the store
    browser.driver.navigate().back();
    visible("erase-person").click();
    visible("erase-ok").click();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                browser.driver.findElement(By.id("erase-result")).getText().startsWith("Erased: "));
    assertThat(browser.driver.findElement(By.id("erase-result")).getText())
        .contains("CRM: deleted 1 contact in the CRM");
    // what the page showed of the person is gone from it too, under no green badge (issue 27)
    assertThat(browser.driver.findElement(By.id("message-state")).getText())
        .isEqualToIgnoringCase("erased");
    assertThat(browser.driver.findElement(By.id("call")).isDisplayed()).isFalse();
    assertThat(browser.driver.findElement(By.id("call")).getText()).isEmpty();
    screenshot("console-erased");
    browser.driver.findElement(By.id("nav-messages")).click();
    visible("search-email").clear();
    browser.driver.findElement(By.id("search-email")).sendKeys(JANE);
    browser.driver.findElement(By.id("search-button")).click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                browser
                    .driver
                    .findElement(By.id("search-summary"))
                    .getText()
                    .startsWith("0 found"));
    assertThat(service.sandbox().state().toString()).doesNotContain(JANE);
  }

  @Test
  void aWrongTokenIsRefusedAndThePagesFitAPhone() throws IOException {
    signIn("not-the-token");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                browser
                    .driver
                    .findElement(By.id("sign-in-error"))
                    .getText()
                    .contains("not the admin token"));
    assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).isFalse();
    assertThat(browser.driver.manage().getCookies())
        .noneMatch(c -> c.getValue().contains("not-the-token"));

    browser.driver.manage().window().setSize(new Dimension(390, 844));
    signIn(RunningService.ADMIN_TOKEN);
    visible("overview");
    assertThat(browser.run("done(document.documentElement.scrollWidth <= window.innerWidth)"))
        .isEqualTo(true);
    screenshot("console-phone");
    browser.driver.findElement(By.id("nav-messages")).click();
    visible("search-form");
    assertThat(browser.run("done(document.documentElement.scrollWidth <= window.innerWidth)"))
        .isEqualTo(true);
  }

  @Test
  void theSessionCookieIsHttpOnlyAndStrictAndAChangeWithoutTheCsrfTokenIsRefused()
      throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    HttpResponse<String> session =
        http.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/console/api/session"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String xsrf =
        ((java.net.CookieManager) http.cookieHandler().orElseThrow())
            .getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst()
                .orElseThrow()
                .getValue();
    assertThat(session.headers().allValues("set-cookie"))
        .as("no session before a sign-in (issue 23)")
        .noneSatisfy(cookie -> assertThat(cookie).startsWith(ConsoleApi.SESSION_COOKIE + "="));

    HttpResponse<String> withoutCsrf =
        http.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/console/api/sign-in"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"token\":\"" + RunningService.ADMIN_TOKEN + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(withoutCsrf.statusCode()).isEqualTo(403);

    HttpResponse<String> signedIn =
        http.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/console/api/sign-in"))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", xsrf)
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
                    .startsWith(ConsoleApi.SESSION_COOKIE + "=")
                    .containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Strict")
                    .containsIgnoringCase("Path=/console"));

    HttpResponse<String> retryWithoutCsrf =
        http.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/console/api/retry-dead?state=dead"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(retryWithoutCsrf.statusCode()).isEqualTo(403);
    HttpResponse<String> overview =
        http.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/console/api/overview"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body()).contains("\"queueDepth\"");
  }
}
