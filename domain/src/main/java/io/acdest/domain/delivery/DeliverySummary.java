package io.acdest.domain.delivery;

import io.acdest.domain.delivery.DestinationDelivery.Status;
import io.acdest.domain.message.MessageState;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The call's state as its deliveries sum it up (docs/behaviour.md §5), so that the audit row of a call routed to
 * several destinations still answers "where is it" in one state. When every delivery stands alike (always, with
 * one destination), the call takes that state and reason. Otherwise: {@code accepted} while one is unfinished,
 * {@code dead} when one died, {@code skipped} when none delivered, else {@code delivered}; the reason then names
 * each destination's status.
 */
public record DeliverySummary(MessageState state, Optional<String> reason) {

  /** The summary of a call's deliveries; at least one. */
  public static DeliverySummary of(List<DestinationDelivery> deliveries) {
    if (deliveries.isEmpty()) {
      throw new IllegalArgumentException("a summary needs at least one delivery");
    }
    DestinationDelivery first = deliveries.get(0);
    boolean alike =
        deliveries.stream()
            .allMatch(d -> d.status() == first.status() && d.reason().equals(first.reason()));
    if (alike) {
      return new DeliverySummary(stateOf(first.status()), first.reason());
    }
    MessageState state;
    if (any(deliveries, Status.PENDING)) {
      state = MessageState.ACCEPTED;
    } else if (any(deliveries, Status.DEAD)) {
      state = MessageState.DEAD;
    } else if (any(deliveries, Status.DELIVERED)) {
      state = MessageState.DELIVERED;
    } else {
      state = MessageState.SKIPPED;
    }
    String each =
        deliveries.stream()
            .sorted(Comparator.comparing(d -> d.destination().value()))
            .map(
                d ->
                    d.destination()
                        + ": "
                        + d.status().wire()
                        + d.reason().map(why -> " (" + why + ")").orElse(""))
            .collect(Collectors.joining("; "));
    return new DeliverySummary(state, Optional.of(each));
  }

  private static boolean any(List<DestinationDelivery> deliveries, Status status) {
    return deliveries.stream().anyMatch(d -> d.status() == status);
  }

  /** A call whose deliveries all ended is skipped by its destinations' leaving, never dead. */
  private static MessageState stateOf(Status status) {
    return switch (status) {
      case PENDING -> MessageState.ACCEPTED;
      case DELIVERED -> MessageState.DELIVERED;
      case SKIPPED, ENDED -> MessageState.SKIPPED;
      case DEAD -> MessageState.DEAD;
    };
  }
}
