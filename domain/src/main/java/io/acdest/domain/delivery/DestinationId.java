package io.acdest.domain.delivery;

import java.util.regex.Pattern;

/**
 * A destination a call is delivered to: its id in the configuration ({@code ac-shop}), or {@link #DEFAULT} for the
 * one destination the environment variables define. Each delivery of a call is to one destination, with its own
 * job; one user's calls are delivered in order per destination.
 */
public record DestinationId(String value) {
  private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /** The destination the environment variables define, when no destinations file names any. */
  public static final DestinationId DEFAULT = new DestinationId("default");

  public DestinationId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a destination id is 1 to 63 characters a-z, 0-9, '-' and '_', starting with a letter or digit");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
