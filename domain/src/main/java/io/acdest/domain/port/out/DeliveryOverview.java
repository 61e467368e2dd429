package io.acdest.domain.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where delivery stands, at a glance: messages per type and state over the last hour and day, delivered and dead
 * per minute over the last hour, the 95th percentile from acceptance to delivery over the last hour, the queue's
 * depth and its oldest due job, and the pauses in force with their reason and end.
 */
public record DeliveryOverview(
    Instant at,
    Map<String, Map<String, Long>> lastHour,
    Map<String, Map<String, Long>> lastDay,
    List<MinuteCounts> perMinute,
    Optional<Duration> p95AcceptToDelivered,
    long queueDepth,
    Optional<Instant> oldestDue,
    List<Pause> pauses) {

  public DeliveryOverview {
    lastHour = Map.copyOf(lastHour);
    lastDay = Map.copyOf(lastDay);
    perMinute = List.copyOf(perMinute);
    pauses = List.copyOf(pauses);
  }

  /** Messages delivered and messages that died in one minute. */
  public record MinuteCounts(Instant minute, long delivered, long dead) {}

  /**
   * A pause in force (docs/behaviour.md §8): what is paused (a request budget, or every delivery to a destination),
   * why in the CRM's words, since and until when if known, and what an operator can do about it.
   */
  public record Pause(
      String what, String reason, Optional<Instant> since, Optional<Instant> until, String remedy) {

    /** What to do about a configuration pause. */
    public static final String FIX_THE_CONFIGURATION =
        "Fix the cause named above in the CRM account or in this destination's settings (API URL, key, event"
            + " tracking, list). Nothing is lost meanwhile: calls wait in the queue, are tried again every few"
            + " minutes, and are delivered once the cause is fixed.";

    /** What to do about the CRM asking to slow down. */
    public static final String NOTHING_TO_DO =
        "Nothing to do: the CRM asked the service to slow down, and deliveries resume by themselves when the"
            + " pause ends.";

    /** Deliveries refused for a reason in the CRM account or the settings, since {@code since}. */
    public static Pause configuration(String what, String reason, Instant since) {
      return new Pause(what, reason, Optional.of(since), Optional.empty(), FIX_THE_CONFIGURATION);
    }

    /** Requests held back until {@code until} because the CRM asked to slow down (Retry-After). */
    public static Pause slowDown(String what, Instant until) {
      return new Pause(
          what,
          "the CRM asked to slow down (Retry-After)",
          Optional.empty(),
          Optional.of(until),
          NOTHING_TO_DO);
    }
  }
}
