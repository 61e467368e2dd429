package io.acdest.bootstrap;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.Arrays;

/**
 * Log text no caller can forge lines into: every control character of a message (and of an exception's message) is
 * written as {@code \\uXXXX}, so a messageId holding a line break stays on its line. The text pattern's {@code %msg}
 * and {@code %ex} are these ({@code logback.xml}); JSON lines escape by themselves.
 */
final class EscapedLogText {
  private EscapedLogText() {}

  /** The text with its control characters (tab aside) written as {@code \\uXXXX}. */
  static String escape(String text) {
    if (text == null || text.chars().noneMatch(EscapedLogText::control)) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              if (control(c)) {
                escaped.append(String.format("\\u%04x", c));
              } else {
                escaped.appendCodePoint(c);
              }
            });
    return escaped.toString();
  }

  private static boolean control(int c) {
    return (Character.isISOControl(c) && c != '\t') || c == 0x2028 || c == 0x2029 || c == 0x85;
  }

  /** {@code %msg}, escaped. */
  public static final class Message extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
      return escape(event.getFormattedMessage());
    }
  }

  /** {@code %ex}: the stack trace on its own lines, as usual, with each exception's message escaped. */
  public static final class Throwable extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy thrown) {
      return super.throwableProxyToString(new Escaped(thrown));
    }
  }

  /** An exception as logged, with its message (and its causes' and suppressed exceptions') escaped. */
  private record Escaped(IThrowableProxy thrown) implements IThrowableProxy {
    @Override
    public String getMessage() {
      return escape(thrown.getMessage());
    }

    @Override
    public String getClassName() {
      return thrown.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return thrown.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return thrown.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      return thrown.getCause() == null ? null : new Escaped(thrown.getCause());
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      IThrowableProxy[] suppressed = thrown.getSuppressed();
      return suppressed == null
          ? null
          : Arrays.stream(suppressed).map(Escaped::new).toArray(IThrowableProxy[]::new);
    }

    @Override
    public boolean isCyclic() {
      return thrown.isCyclic();
    }
  }
}
