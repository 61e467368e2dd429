package io.acdest.domain.model;

import java.util.Locale;

/**
 * The key under which a trait is matched to a CRM custom field: the trait's name normalised to a
 * field key, so {@code shirtSize}, {@code shirt_size} and {@code Shirt Size} are all
 * {@code SHIRT_SIZE}, and {@code multiChoice} is {@code MULTI_CHOICE}.
 */
public record CustomFieldKey(String trait, String normalised) {
  public CustomFieldKey {
    if (trait == null || normalised == null || normalised.isEmpty()) {
      throw new InvalidField("traits." + trait, "has no letters or digits to name a custom field");
    }
  }

  /** The key of a trait, e.g. {@code of("shirtSize")} is {@code SHIRT_SIZE}. */
  public static CustomFieldKey of(String trait) {
    return new CustomFieldKey(trait, normalise(trait));
  }

  /**
   * The normalisation rule of docs/behaviour.md §3: a word boundary inside camelCase ({@code shirtSize}), between an
   * acronym and a word ({@code HTMLCode}) and every run of characters that are not letters or digits (spaces, hyphens,
   * underscores, dots) becomes one underscore; the result is upper-case, without leading or trailing
   * underscores. A key already in that form ({@code SHIRTSIZE}) stays as it is.
   */
  public static String normalise(String trait) {
    String text = trait == null ? "" : trait.strip();
    StringBuilder out = new StringBuilder(text.length() + 4);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        appendSeparator(out);
        continue;
      }
      if (Character.isUpperCase(c) && i > 0) {
        char previous = text.charAt(i - 1);
        boolean afterLowerOrDigit = Character.isLowerCase(previous) || Character.isDigit(previous);
        boolean endsAcronym =
            Character.isUpperCase(previous)
                && i + 1 < text.length()
                && Character.isLowerCase(text.charAt(i + 1));
        if (afterLowerOrDigit || endsAcronym) {
          appendSeparator(out);
        }
      }
      out.append(Character.toUpperCase(c));
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '_') {
      end--;
    }
    return out.substring(0, end).toUpperCase(Locale.ROOT);
  }

  private static void appendSeparator(StringBuilder out) {
    if (!out.isEmpty() && out.charAt(out.length() - 1) != '_') {
      out.append('_');
    }
  }

  /** True when this key names the same field key as {@code fieldKey}, ignoring case. */
  public boolean matches(String fieldKey) {
    return fieldKey != null && normalised.equalsIgnoreCase(fieldKey.strip());
  }
}
