package io.acdest.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.domain.delivery.DestinationDelivery.Status;
import io.acdest.domain.message.MessageState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliverySummaryTest {
  private static DestinationDelivery to(String destination, Status status, String reason) {
    return new DestinationDelivery(
        new DestinationId(destination), status, Optional.ofNullable(reason), 0);
  }

  @Test
  void oneDestinationGivesTheCallItsOwnStateAndReason() {
    assertThat(DeliverySummary.of(List.of(to("default", Status.SKIPPED, "no email for user"))))
        .isEqualTo(new DeliverySummary(MessageState.SKIPPED, Optional.of("no email for user")));
    assertThat(DeliverySummary.of(List.of(to("default", Status.PENDING, "retrying: 503"))))
        .isEqualTo(new DeliverySummary(MessageState.ACCEPTED, Optional.of("retrying: 503")));
  }

  @Test
  void anUnfinishedDeliveryKeepsTheCallAcceptedAndTheReasonNamesEachDestination() {
    DeliverySummary summary =
        DeliverySummary.of(
            List.of(
                to("mc-news", Status.PENDING, "retrying: 503"),
                to("ac-shop", Status.DELIVERED, null)));
    assertThat(summary.state()).isEqualTo(MessageState.ACCEPTED);
    assertThat(summary.reason()).contains("ac-shop: delivered; mc-news: pending (retrying: 503)");
  }

  @Test
  void oneDeadMakesTheCallDeadAndSkippedOrEndedAloneMakeItSkipped() {
    assertThat(
            DeliverySummary.of(
                    List.of(to("a", Status.DELIVERED, null), to("b", Status.DEAD, "401")))
                .state())
        .isEqualTo(MessageState.DEAD);
    assertThat(
            DeliverySummary.of(
                    List.of(to("a", Status.SKIPPED, "unmapped"), to("b", Status.ENDED, "gone")))
                .state())
        .isEqualTo(MessageState.SKIPPED);
    assertThat(
            DeliverySummary.of(
                    List.of(to("a", Status.SKIPPED, "unmapped"), to("b", Status.DELIVERED, null)))
                .state())
        .isEqualTo(MessageState.DELIVERED);
  }
}
