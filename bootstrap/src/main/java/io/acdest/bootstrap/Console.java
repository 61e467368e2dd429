package io.acdest.bootstrap;

import java.io.PrintStream;

/**
 * The one place that writes to the terminal instead of the log: {@code --help}, a configuration error before
 * logging starts, and the banner that shows a newly generated write key once (so it is not kept in log files).
 */
final class Console {
  private Console() {}

  static void out(String text) {
    stream(false).println(text);
  }

  static void err(String text) {
    stream(true).println(text);
  }

  private static PrintStream stream(boolean error) {
    return error ? System.err : System.out;
  }
}
