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

  /** A pause in force: what is paused (a request budget, or every delivery), why, and until when if known. */
  public record Pause(String what, String reason, Optional<Instant> until) {}
}
