package io.acdest.bootstrap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Segment's browser library as its npm package publishes it ({@code @segment/analytics-next}, the version
 * {@code src/test/browser/package-lock.json} pins), installed by {@code npm ci} from the npm registry into
 * {@code target/browser} the first time a test needs it. Its UMD build is what a website loads; its lazily loaded
 * chunks sit beside it.
 */
final class AnalyticsNextBundle {
  private static final Path SOURCE = Path.of("src", "test", "browser").toAbsolutePath();
  private static final Path TARGET = Path.of("target", "browser").toAbsolutePath();

  private AnalyticsNextBundle() {}

  /** The directory of the UMD build ({@code index.js} and its chunks), installing the package when needed. */
  static synchronized Path umd() throws IOException, InterruptedException {
    Path umd = TARGET.resolve("node_modules/@segment/analytics-next/dist/umd");
    if (Files.exists(umd.resolve("index.js"))) {
      return umd;
    }
    Files.createDirectories(TARGET);
    for (String file : new String[] {"package.json", "package-lock.json"}) {
      Files.copy(SOURCE.resolve(file), TARGET.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Process npm;
    try {
      npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
          .directory(TARGET.toFile()).redirectErrorStream(true)
          .redirectOutput(TARGET.resolve("npm-ci.log").toFile()).start();
    } catch (IOException noNpm) {
      if (Browser.required()) {
        throw new IllegalStateException("browser tests are required but npm is missing", noNpm);
      }
      assumeTrue(false, "no npm here: the browser library cannot be installed, browser tests skipped");
      return umd;
    }
    if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      throw new IllegalStateException("npm ci failed; see " + TARGET.resolve("npm-ci.log"));
    }
    return umd;
  }

  /** The installed package's version. */
  static String version() throws IOException {
    String packageJson = Files.readString(TARGET.resolve("node_modules/@segment/analytics-next/package.json"));
    java.util.regex.Matcher version = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"")
        .matcher(packageJson);
    return version.find() ? version.group(1) : "?";
  }
}
