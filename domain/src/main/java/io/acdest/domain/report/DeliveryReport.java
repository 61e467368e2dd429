package io.acdest.domain.report;

import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.message.MessageKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One destination's deliveries over a window (docs/behaviour.md §8), the view operators know from Segment's Event
 * Delivery: the funnel of the calls received in the window, outcomes per time bucket, the 95th percentile from
 * acceptance to delivery, and the failures grouped by reason, each with its count, first and last time seen and up
 * to {@value FailureGroups#SAMPLES} samples.
 */
public record DeliveryReport(
    DestinationId destination,
    Instant from,
    Instant to,
    Funnel funnel,
    Duration bucket,
    List<Bucket> buckets,
    Optional<Duration> p95AcceptToDelivered,
    List<FailureGroup> failures) {

  public DeliveryReport {
    buckets = List.copyOf(buckets);
    failures = List.copyOf(failures);
  }

  /**
   * What became of the calls received in the window: every call received, those rejected at intake, those filtered
   * or ignored before routing, those routed to this destination, and of these the skipped (by reason group),
   * delivered, dead, still pending, and ended (the destination left the configuration).
   */
  public record Funnel(
      long received,
      long rejected,
      long filtered,
      long routed,
      Map<String, Long> skipped,
      long delivered,
      long dead,
      long pending,
      long ended) {
    public Funnel {
      skipped = Map.copyOf(skipped);
    }
  }

  /** Deliveries finished in one bucket of time, by outcome. */
  public record Bucket(Instant start, long delivered, long skipped, long dead) {}

  /**
   * Failures of one reason group: dead deliveries, or pending ones retrying ({@code outcome} says which), how many,
   * when first and last seen, and samples, the newest first.
   */
  public record FailureGroup(
      String reason,
      String outcome,
      long count,
      Instant firstSeen,
      Instant lastSeen,
      List<Sample> samples) {
    public FailureGroup {
      samples = List.copyOf(samples);
    }
  }

  /**
   * One failed delivery: its message, the call's type, when, the last request made for it (method and path), and
   * the CRM's answer (status and words).
   */
  public record Sample(
      MessageKey message,
      String type,
      Instant at,
      Optional<String> request,
      Optional<Integer> status,
      Optional<String> answer) {}
}
