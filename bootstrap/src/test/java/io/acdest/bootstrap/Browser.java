package io.acdest.bootstrap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for browser tests: Debian's {@code chromium}, driven through Debian's
 * {@code chromedriver} by Selenium (decision 0017). Nothing is downloaded: the driver and browser are the
 * machine's, and the browser resolves no host name but {@code localhost} and {@code 127.0.0.1}, so no request can
 * leave the machine. Without them the tests are skipped, unless {@code ACDEST_BROWSER_TESTS=required} in the
 * environment (what {@code .ci/run} sets after installing them) or {@code -Dbrowser.tests=required} turns that
 * into a failure.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** True when browser tests must run here (CI): missing prerequisites are then failures, not skips. */
  static boolean required() {
    return "required"
        .equals(System.getProperty("browser.tests", System.getenv("ACDEST_BROWSER_TESTS")));
  }

  /** Skips the calling test when the machine has no Chromium, unless browser tests are required. */
  static void assumeAvailable() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && required()) {
      throw new IllegalStateException(
          "browser tests are required but "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
    }
    assumeTrue(
        present,
        "no Chromium here (" + CHROMIUM + ", " + CHROMEDRIVER + "): browser tests skipped");
  }

  /** A new headless Chromium with an empty profile, at a desktop window size. */
  static Browser start() {
    assumeAvailable();
    try {
      Path profile = Files.createTempDirectory("acdest-chromium");
      ChromeOptions options =
          new ChromeOptions()
              .setBinary(CHROMIUM.toFile())
              .addArguments(
                  List.of(
                      "--headless=new",
                      "--no-sandbox",
                      "--disable-gpu",
                      "--disable-dev-shm-usage",
                      "--disable-quic",
                      "--no-first-run",
                      "--disable-background-networking",
                      "--disable-component-update",
                      "--disable-sync",
                      "--disable-default-apps",
                      "--window-size=1280,800",
                      "--user-data-dir=" + profile,
                      // nothing leaves the machine: every other host name fails to resolve
                      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"));
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver
          .manage()
          .timeouts()
          .scriptTimeout(Duration.ofSeconds(30))
          .pageLoadTimeout(Duration.ofSeconds(30));
      return new Browser(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a script that calls {@code done(result)} (the last argument Selenium passes) when it has finished. */
  Object run(String script, Object... args) {
    return driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1];\n" + script, args);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException ignored) {
        // a temporary profile left behind is harmless
      }
    }
  }
}
