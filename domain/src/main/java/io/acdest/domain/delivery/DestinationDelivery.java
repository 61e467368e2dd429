package io.acdest.domain.delivery;

import java.util.Optional;

/**
 * A call's delivery to one destination (docs/behaviour.md §5): where it stands there, why, the attempts it took, and
 * the replay that sent it last, if one did (docs/behaviour.md §7).
 * A call routed to several destinations has one each; the call's own state sums them up ({@link DeliverySummary}).
 */
public record DestinationDelivery(
    DestinationId destination,
    Status status,
    Optional<String> reason,
    int attempts,
    Optional<Long> replay) {

  /** A delivery made when its call was accepted, not by a replay. */
  public DestinationDelivery(
      DestinationId destination, Status status, Optional<String> reason, int attempts) {
    this(destination, status, reason, attempts, Optional.empty());
  }

  /** Why a delivery to {@code destination} ended unfinished: the destination left the configuration. */
  public static String endedReason(DestinationId destination) {
    return "destination "
        + destination
        + " is no longer enabled in the configuration: this delivery ended undelivered";
  }

  /** Where a delivery stands. */
  public enum Status {
    /** Not finished: waiting for its turn, being delivered or retrying. */
    PENDING,
    DELIVERED,
    SKIPPED,
    DEAD,
    /** Ended because its destination left the configuration: neither delivered nor failed. */
    ENDED;

    /** The status's name as stored and shown: {@code pending}, {@code delivered}, … */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The status named {@code wire}. */
    public static Status parse(String wire) {
      return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
