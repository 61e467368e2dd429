package io.acdest.bootstrap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Segment's JavaScript libraries as their npm packages publish them, the versions
 * {@code src/test/browser/package-lock.json} pins, installed by {@code npm ci} from the npm registry into
 * {@code target/browser} the first time a test needs them: the browser library ({@code @segment/analytics-next}),
 * whose UMD build is what a website loads, and the Node.js library ({@code @segment/analytics-node}), run by a script
 * of {@code src/test/browser} under the machine's Node.js.
 */
final class SegmentJsLibraries {
  private static final Path SOURCE = Path.of("src", "test", "browser").toAbsolutePath();
  private static final Path TARGET = Path.of("target", "browser").toAbsolutePath();

  private SegmentJsLibraries() {}

  /** The directory of the browser library's UMD build ({@code index.js} and its chunks). */
  static Path analyticsNextUmd() throws IOException, InterruptedException {
    return installed().resolve("node_modules/@segment/analytics-next/dist/umd");
  }

  /**
   * Runs a script of {@code src/test/browser} (which imports the Node.js library) with these arguments; returns what
   * it printed, or throws with it when it failed or took over two minutes.
   */
  static String runNode(String script, String... arguments)
      throws IOException, InterruptedException {
    Path directory = installed();
    Files.copy(
        SOURCE.resolve(script), directory.resolve(script), StandardCopyOption.REPLACE_EXISTING);
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(arguments));
    Path output = directory.resolve(script + ".log");
    Process node =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!node.waitFor(2, TimeUnit.MINUTES)) {
      node.destroyForcibly();
      throw new IllegalStateException(
          script + " did not finish in two minutes: " + Files.readString(output));
    }
    if (node.exitValue() != 0) {
      throw new IllegalStateException(script + " failed: " + Files.readString(output));
    }
    return Files.readString(output);
  }

  /** The directory the packages are installed in, installing them when needed. */
  private static synchronized Path installed() throws IOException, InterruptedException {
    if (Files.exists(TARGET.resolve("node_modules/@segment/analytics-node/package.json"))
        && Files.exists(TARGET.resolve("node_modules/@segment/analytics-next/dist/umd/index.js"))) {
      return TARGET;
    }
    Files.createDirectories(TARGET);
    for (String file : new String[] {"package.json", "package-lock.json"}) {
      Files.copy(SOURCE.resolve(file), TARGET.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Process npm;
    try {
      npm =
          new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
              .directory(TARGET.toFile())
              .redirectErrorStream(true)
              .redirectOutput(TARGET.resolve("npm-ci.log").toFile())
              .start();
    } catch (IOException noNpm) {
      if (Browser.required()) {
        throw new IllegalStateException(
            "tests with Segment's JavaScript libraries are required but npm is missing", noNpm);
      }
      assumeTrue(
          false,
          "no npm here: Segment's JavaScript libraries cannot be installed, their tests skipped");
      return TARGET;
    }
    if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      throw new IllegalStateException("npm ci failed; see " + TARGET.resolve("npm-ci.log"));
    }
    return TARGET;
  }
}
