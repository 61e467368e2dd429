package io.acdest.domain.message;

import java.util.Locale;

/**
 * The lifecycle of a stored message (docs/behaviour.md §5): {@code ACCEPTED → DELIVERING → DELIVERED | SKIPPED | DEAD},
 * or, when it is never delivered, {@code FILTERED}, {@code IGNORED} or {@code REJECTED} from the start.
 */
public enum MessageState {
  ACCEPTED,
  DELIVERING,
  DELIVERED,
  SKIPPED,
  FILTERED,
  IGNORED,
  REJECTED,
  DEAD;

  /** True for the states in which nothing more will happen to the message. */
  public boolean isFinal() {
    return this != ACCEPTED && this != DELIVERING;
  }

  /** The state's name as stored and shown, e.g. {@code delivered}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
