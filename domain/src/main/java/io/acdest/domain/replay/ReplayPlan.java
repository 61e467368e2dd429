package io.acdest.domain.replay;

import io.acdest.domain.call.CallType;
import io.acdest.domain.delivery.DestinationDelivery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a replay will do, told before it starts (docs/behaviour.md §7): how many calls it covers, and for each type how
 * many it will send and how many it will pass over, and why. Counted from where the calls stand now; a call's
 * {@code integrations} and suppressed people are checked as the replay reaches each call, so it may send fewer.
 */
public record ReplayPlan(long total, List<TypePlan> types) {
  public ReplayPlan {
    types = List.copyOf(types);
  }

  /** One type's share: calls covered, to send, and passed over by reason. */
  public record TypePlan(CallType type, long covered, long send, Map<String, Long> passed) {
    public TypePlan {
      passed = Map.copyOf(passed);
    }

    /** What the replay does with calls of this type, in a sentence. */
    public String action() {
      return type == CallType.IDENTIFY
          ? "sent again: an identify is an upsert, so a contact already up to date stays as it is"
          : "sent where this destination has not delivered it (never routed there, skipped, dead or ended)";
    }
  }

  /** How many calls of a type stand in one way for the destination (empty: never routed there). */
  public record Count(CallType type, Optional<DestinationDelivery.Status> delivery, long calls) {}

  /** The plan for these counts, by the rule a replay applies to each call ({@link ReplayRule}). */
  public static ReplayPlan of(List<Count> counts, boolean resendDelivered) {
    Map<CallType, long[]> covered = new LinkedHashMap<>();
    Map<CallType, Map<String, Long>> passed = new LinkedHashMap<>();
    for (CallType type : List.of(CallType.IDENTIFY, CallType.TRACK, CallType.PAGE)) {
      covered.put(type, new long[2]);
      passed.put(type, new LinkedHashMap<>());
    }
    long total = 0;
    for (Count count : counts) {
      long[] c = covered.get(count.type());
      if (c == null) {
        continue;
      }
      total += count.calls();
      c[0] += count.calls();
      ReplayRule.Verdict verdict =
          ReplayRule.verdict(count.type(), count.delivery(), false, resendDelivered);
      if (verdict.send()) {
        c[1] += count.calls();
      } else {
        passed
            .get(count.type())
            .merge(verdict.passedBecause().orElseThrow(), count.calls(), Long::sum);
      }
    }
    List<TypePlan> plans = new ArrayList<>();
    for (Map.Entry<CallType, long[]> type : covered.entrySet()) {
      plans.add(
          new TypePlan(
              type.getKey(), type.getValue()[0], type.getValue()[1], passed.get(type.getKey())));
    }
    return new ReplayPlan(total, plans);
  }
}
