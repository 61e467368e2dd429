package io.acdest.domain.replay;

import io.acdest.domain.call.CallType;
import io.acdest.domain.delivery.DestinationDelivery;
import java.util.Optional;

/**
 * What a replay does with one call (docs/behaviour.md §7). An identify is an upsert: sending it again changes
 * nothing that is already so, and it is sent. A track or a page records activity: it is sent only to a destination
 * that has not delivered it (never routed there, skipped, dead, ended), unless the request asks to send delivered
 * ones again. Never a call whose delivery there is still unfinished (a message is never in two unfinished deliveries
 * to one destination), nor one this replay has already sent.
 */
public final class ReplayRule {
  private ReplayRule() {}

  /** Why a call is passed over; the answer names it. */
  public static final String UNFINISHED = "its delivery to this destination is not finished";

  public static final String SENT_BY_THIS_REPLAY = "this replay has sent it already";
  public static final String ALREADY_DELIVERED =
      "delivered already: a track or page sent again would be recorded twice (resendDelivered sends it)";

  /**
   * The verdict on a call of {@code type} whose delivery to the destination is {@code delivery} (empty: it was never
   * routed there).
   */
  public static Verdict verdict(
      CallType type,
      Optional<DestinationDelivery.Status> delivery,
      boolean sentByThisReplay,
      boolean resendDelivered) {
    if (delivery.equals(Optional.of(DestinationDelivery.Status.PENDING))) {
      return Verdict.pass(UNFINISHED);
    }
    if (sentByThisReplay) {
      return Verdict.pass(SENT_BY_THIS_REPLAY);
    }
    if (type == CallType.IDENTIFY) {
      return Verdict.SEND;
    }
    if (delivery.equals(Optional.of(DestinationDelivery.Status.DELIVERED)) && !resendDelivered) {
      return Verdict.pass(ALREADY_DELIVERED);
    }
    return Verdict.SEND;
  }

  /** Send the call, or pass it over for a reason. */
  public record Verdict(boolean send, Optional<String> passedBecause) {
    public static final Verdict SEND = new Verdict(true, Optional.empty());

    static Verdict pass(String because) {
      return new Verdict(false, Optional.of(because));
    }
  }
}
