package io.acdest.domain.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.domain.call.CallType;
import io.acdest.domain.delivery.DestinationDelivery.Status;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.model.InvalidField;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a replay sends, as docs/behaviour.md §7 says it. */
class ReplayRuleTest {

  @Test
  void identifiesAreUpsertsAndAreSentAgainEvenWhenDelivered() {
    assertThat(
            ReplayRule.verdict(CallType.IDENTIFY, Optional.of(Status.DELIVERED), false, false)
                .send())
        .isTrue();
  }

  @Test
  void tracksAndPagesGoOnlyWhereTheyWereNotDeliveredUnlessAsked() {
    for (CallType type : List.of(CallType.TRACK, CallType.PAGE)) {
      assertThat(
              ReplayRule.verdict(type, Optional.of(Status.DELIVERED), false, false).passedBecause())
          .contains(ReplayRule.ALREADY_DELIVERED);
      assertThat(ReplayRule.verdict(type, Optional.of(Status.DELIVERED), false, true).send())
          .isTrue();
      for (Optional<Status> notDelivered :
          List.of(
              Optional.<Status>empty(),
              Optional.of(Status.SKIPPED),
              Optional.of(Status.DEAD),
              Optional.of(Status.ENDED))) {
        assertThat(ReplayRule.verdict(type, notDelivered, false, false).send()).isTrue();
      }
    }
  }

  @Test
  void neverAMessageInTwoUnfinishedDeliveriesNorTwiceByOneReplay() {
    assertThat(
            ReplayRule.verdict(CallType.IDENTIFY, Optional.of(Status.PENDING), false, true)
                .passedBecause())
        .contains(ReplayRule.UNFINISHED);
    assertThat(
            ReplayRule.verdict(CallType.TRACK, Optional.of(Status.DEAD), true, true)
                .passedBecause())
        .contains(ReplayRule.SENT_BY_THIS_REPLAY);
  }

  @Test
  void thePlanCountsWhatEachTypeWillDo() {
    ReplayPlan plan =
        ReplayPlan.of(
            List.of(
                new ReplayPlan.Count(CallType.IDENTIFY, Optional.of(Status.DELIVERED), 3),
                new ReplayPlan.Count(CallType.TRACK, Optional.of(Status.DELIVERED), 5),
                new ReplayPlan.Count(CallType.TRACK, Optional.empty(), 2)),
            false);
    assertThat(plan.total()).isEqualTo(10);
    assertThat(plan.types().get(0).send()).isEqualTo(3);
    assertThat(plan.types().get(1).send()).isEqualTo(2);
    assertThat(plan.types().get(1).passed()).containsEntry(ReplayRule.ALREADY_DELIVERED, 5L);
  }

  @Test
  void aRequestNamesTheFieldItBreaks() {
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    DestinationId mc = new DestinationId("mc-news");
    assertThatThrownBy(
            () ->
                new ReplayRequest(
                    mc, now, now, Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(), false))
        .isInstanceOf(InvalidField.class)
        .hasMessage("to must be later than from");
    assertThatThrownBy(
            () ->
                new ReplayRequest(
                    mc,
                    now,
                    now.plusSeconds(1),
                    Set.of(CallType.ALIAS),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Optional.empty(),
                    false))
        .hasMessageStartingWith("types must name only identify, track and page");
    assertThatThrownBy(() -> ReplayRequest.Standing.parse("lost"))
        .hasMessageStartingWith("states must name only never, delivered, unmapped");
  }
}
