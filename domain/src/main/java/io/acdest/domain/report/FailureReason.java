package io.acdest.domain.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failures are grouped by what the CRM said, with what varies per call taken out (docs/behaviour.md §8): web and
 * email addresses, and every word holding a digit (numbers, ids such as {@code 4ca5becb8d}, UUIDs) become a
 * placeholder, so "No Result found for Subscriber with id 1234" and "… with id 98" are one group; an HTTP status
 * right after a colon ({@code contact.sync: 422 …}) stays, and so do the CRM's words. The placeholder
 * is {@value #PLACEHOLDER}; {@link #likePattern} turns a group back into a search that finds its messages.
 */
public final class FailureReason {
  /** What stands in for a varying part. */
  public static final String PLACEHOLDER = "…";

  /** The longest group key kept; a longer reason is cut here. */
  public static final int MAX_LENGTH = 300;

  private static final Pattern EMAIL = Pattern.compile("[^\\s'\"<>(),;:]+@[^\\s'\"<>(),;:]+");
  private static final Pattern URL = Pattern.compile("https?://\\S+");
  private static final Pattern WITH_A_DIGIT =
      Pattern.compile("(?<![\\p{L}\\p{N}_-])[\\p{L}\\p{N}_-]*\\d[\\p{L}\\p{N}_-]*(?:[.,]\\d+)*");
  private static final Pattern STATUS = Pattern.compile("[1-5]\\d\\d");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private FailureReason() {}

  /** The group a failure's reason falls in. */
  public static String group(String reason) {
    if (reason == null || reason.isBlank()) {
      return "no reason given";
    }
    String key = URL.matcher(reason).replaceAll(PLACEHOLDER);
    key = EMAIL.matcher(key).replaceAll(PLACEHOLDER);
    key = withoutDigits(key);
    key = SPACES.matcher(key).replaceAll(" ").strip();
    return key.length() > MAX_LENGTH ? key.substring(0, MAX_LENGTH) : key;
  }

  /** Every word holding a digit replaced, but an HTTP status that follows a colon. */
  private static String withoutDigits(String reason) {
    Matcher word = WITH_A_DIGIT.matcher(reason);
    StringBuilder out = new StringBuilder();
    while (word.find()) {
      boolean status =
          STATUS.matcher(word.group()).matches()
              && word.start() >= 2
              && reason.startsWith(": ", word.start() - 2);
      word.appendReplacement(out, status ? word.group() : PLACEHOLDER);
    }
    word.appendTail(out);
    return out.toString();
  }

  /**
   * A SQL {@code LIKE} pattern (escape character {@code \}) matching every reason of the group {@code group}: each
   * placeholder becomes {@code %}, and what the group was cut at ends with one.
   */
  public static String likePattern(String group) {
    StringBuilder pattern = new StringBuilder();
    for (int i = 0; i < group.length(); i++) {
      char c = group.charAt(i);
      if (group.startsWith(PLACEHOLDER, i)) {
        pattern.append('%');
        i += PLACEHOLDER.length() - 1;
      } else if (c == '%' || c == '_' || c == '\\') {
        pattern.append('\\').append(c);
      } else if (c == ' ') {
        pattern.append('%'); // whitespace was folded into one space
      } else {
        pattern.append(c);
      }
    }
    if (group.length() >= MAX_LENGTH) {
      pattern.append('%');
    }
    return pattern.toString();
  }
}
