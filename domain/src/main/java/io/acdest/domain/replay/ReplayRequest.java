package io.acdest.domain.replay;

import io.acdest.domain.call.CallType;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.model.InvalidField;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator asks a replay to send again (docs/behaviour.md §7): the calls accepted in {@code [from, to)} to be
 * delivered to {@code destination}, narrowed by type, source, person (userIds or emails), and where they stand for
 * that destination ({@code states}, and a word of their {@code reason}). Tracks and pages already delivered there are
 * sent again only when {@code resendDelivered} asks for it.
 */
public record ReplayRequest(
    DestinationId destination,
    Instant from,
    Instant to,
    Set<CallType> types,
    Set<SourceId> sources,
    Set<String> people,
    Set<Standing> states,
    Optional<String> reason,
    boolean resendDelivered) {

  /** The most userIds and emails one replay names. */
  public static final int MOST_PEOPLE = 1_000;

  /** The call types a replay can send: those that reach a CRM. */
  public static final Set<CallType> REPLAYABLE =
      Set.copyOf(EnumSet.of(CallType.IDENTIFY, CallType.TRACK, CallType.PAGE));

  public ReplayRequest {
    if (!from.isBefore(to)) {
      throw new InvalidField("to", "must be later than from");
    }
    types = types.isEmpty() ? REPLAYABLE : Set.copyOf(types);
    for (CallType type : types) {
      if (!REPLAYABLE.contains(type)) {
        throw new InvalidField(
            "types",
            "must name only identify, track and page: " + type.wire() + " never reaches a CRM");
      }
    }
    sources = Set.copyOf(sources);
    people = Set.copyOf(people);
    if (people.size() > MOST_PEOPLE) {
      throw new InvalidField("people", "must name at most " + MOST_PEOPLE + " userIds or emails");
    }
    for (String person : people) {
      if (person.isBlank()) {
        throw new InvalidField("people", "must not hold an empty userId or email");
      }
    }
    states = states.isEmpty() ? Set.copyOf(EnumSet.allOf(Standing.class)) : Set.copyOf(states);
    reason = reason.map(String::strip).filter(r -> !r.isEmpty());
  }

  /**
   * Where a call stands for the replay's destination, as a replay selects it: never routed there, delivered,
   * delivered or skipped with traits no custom field took ({@code unmapped}), skipped, dead, or ended.
   */
  public enum Standing {
    NEVER,
    DELIVERED,
    UNMAPPED,
    SKIPPED,
    DEAD,
    ENDED;

    /** The name as written in a request: {@code never}, {@code unmapped}, … */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Reads a standing; anything else is an error naming the field. */
    public static Standing parse(String wire) {
      for (Standing standing : values()) {
        if (standing.wire().equals(wire)) {
          return standing;
        }
      }
      throw new InvalidField(
          "states",
          "must name only never, delivered, unmapped, skipped, dead and ended, not '" + wire + "'");
    }
  }
}
