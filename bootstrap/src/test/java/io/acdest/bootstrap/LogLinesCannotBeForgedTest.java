package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * Issue 23: a messageId with a line break, logged when the store refused its event, wrote a line of the sender's
 * making. The service's own log configuration ({@code logback.xml}) writes every control character of a message, and
 * of an exception's message, as {@code \\uXXXX}.
 */
class LogLinesCannotBeForgedTest {

  @Test
  void aLineBreakInALoggedValueStaysOnItsLine() throws Exception {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    PrintStream before = System.out;
    LoggerContext context = new LoggerContext();
    try {
      System.setOut(new PrintStream(written, true, StandardCharsets.UTF_8));
      context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(LogLinesCannotBeForgedTest.class.getResource("/logback.xml"));
      Logger log = context.getLogger("io.acdest.adapters.persistence.JdbcMessageLog");
      String forged =
          "m1\n2026-12-05T10:00:00.000Z ERROR [main] operator - event=operator.erasure erasure=forged";
      log.warn("message {} from source {} could not be stored as received", forged, "web");
      log.error(
          "the store refused {}", "m2", new IllegalStateException("value of m3\r\nFAKE LINE"));
    } finally {
      context.stop();
      System.setOut(before);
    }
    String[] lines = written.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines[0])
        .contains("message m1\\u000a2026-12-05T10:00:00.000Z ERROR [main] operator");
    assertThat(lines)
        .noneSatisfy(
            line -> assertThat(line).startsWith("2026-12-05T10:00:00.000Z ERROR [main] operator"));
    assertThat(lines).noneSatisfy(line -> assertThat(line).startsWith("FAKE LINE"));
    assertThat(written.toString(StandardCharsets.UTF_8))
        .contains("value of m3\\u000d\\u000aFAKE LINE")
        .contains("\tat io.acdest.bootstrap.LogLinesCannotBeForgedTest");
  }
}
