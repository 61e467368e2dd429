package io.acdest.domain.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** How one delivery attempt ended. The queue records it; the message's state follows from it. */
public sealed interface DeliveryOutcome
    permits DeliveryOutcome.Delivered,
        DeliveryOutcome.Skipped,
        DeliveryOutcome.RetryLater,
        DeliveryOutcome.Failed {

  /**
   * What the CRM was told to do, done. {@code unmapped} lists traits that updated nothing; {@code note} says how,
   * when worth saying (e.g. {@code unchanged}: nothing needed sending).
   */
  record Delivered(List<String> unmapped, Optional<String> note) implements DeliveryOutcome {
    public Delivered {
      unmapped = List.copyOf(unmapped);
    }

    public Delivered(List<String> unmapped) {
      this(unmapped, Optional.empty());
    }
  }

  /** Nothing was sent, by rule (no email for the user, no contact to update without a name, …). */
  record Skipped(String reason) implements DeliveryOutcome {
    /**
     * The reason of a track or page no email was known for when it was delivered. It waits: it comes back to the
     * queue when the person's identify (or an alias) makes the email known, or when an operator retries it
     * ({@code docs/mapping.md}, "Calls that arrive before their identify").
     */
    public static final String NO_EMAIL =
        "waiting for an identify: no email is known for this user yet";

    /** A track or page skipped for want of an email. */
    public static Skipped noEmail() {
      return new Skipped(NO_EMAIL);
    }

    /** Whether a message skipped for this reason is waiting for its person's email (and may come back). */
    public static boolean waitsForEmail(String reason) {
      return NO_EMAIL.equals(reason);
    }
  }

  /** Not delivered yet: try again at {@code notBefore}. Only a {@link RetryCause#TRANSIENT} cause uses an attempt. */
  record RetryLater(Instant notBefore, RetryCause cause, String reason)
      implements DeliveryOutcome {}

  /** Given up: a permanent error, or the retry window ran out. The message becomes {@code dead}. */
  record Failed(String reason) implements DeliveryOutcome {}
}
