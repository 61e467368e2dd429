package io.acdest.application;

import static io.acdest.application.Harness.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.RetryCause;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.out.CrmFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How CRM failures become outcomes (§4), and how a failing user holds back only their own later calls. */
class DeliveryServiceTest {
  private final Harness h = new Harness();

  private static Map<String, Object> trackFor(String messageId, String email) {
    return obj(
        "type",
        "track",
        "messageId",
        messageId,
        "userId",
        email,
        "event",
        "Clicked a button",
        "properties",
        obj("email", email));
  }

  @Test
  void aTransientFailureIsRetriedAfterBackoffAndUsesAnAttempt() {
    h.accept(trackFor("m1", "jane.kim@example.com"));
    h.crm.failNext(new CrmFailure(CrmFailure.Kind.TRANSIENT, "503 Service Unavailable"));
    Instant failedAt = h.clock.instant();

    assertThat(h.deliverDue())
        .containsExactly(
            new DeliveryOutcome.RetryLater(
                failedAt.plusSeconds(10), RetryCause.TRANSIENT, "503 Service Unavailable"));
    assertThat(h.store.attemptsOf(Harness.key("m1"))).isEqualTo(1);
    assertThat(h.message("m1").state()).isEqualTo(MessageState.ACCEPTED);

    h.clock.advance(Duration.ofSeconds(10));
    h.deliverDue();
    assertThat(h.message("m1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.crm.events()).hasSize(1);
  }

  @Test
  void throttlingWaitsForRetryAfterAndUsesNoAttempt() {
    h.accept(trackFor("m1", "jane.kim@example.com"));
    h.crm.failNext(
        new CrmFailure(
            CrmFailure.Kind.THROTTLED,
            "429 Too Many Requests",
            Optional.of(Duration.ofSeconds(7))));
    h.deliverDue();

    assertThat(h.store.attemptsOf(Harness.key("m1"))).isZero();
    assertThat(h.store.dueAtOf(Harness.key("m1"))).isEqualTo(h.clock.instant().plusSeconds(7));
  }

  @Test
  void aConfigurationErrorPausesWithoutUsingAnAttemptOrKillingTheMessage() {
    h.accept(trackFor("m1", "jane.kim@example.com"));
    h.crm.failNext(
        new CrmFailure(CrmFailure.Kind.CONFIGURATION, "401 Unauthorized: check the API key"));

    assertThat(h.deliverDue())
        .singleElement()
        .isInstanceOfSatisfying(
            DeliveryOutcome.RetryLater.class,
            retry -> assertThat(retry.cause()).isEqualTo(RetryCause.PAUSED));
    assertThat(h.store.attemptsOf(Harness.key("m1"))).isZero();
    assertThat(h.store.dueAtOf(Harness.key("m1")))
        .isEqualTo(h.clock.instant().plus(Harness.CONFIGURATION_PAUSE));
    assertThat(h.message("m1").state()).isEqualTo(MessageState.ACCEPTED);
  }

  @Test
  void aPermanentErrorKillsTheMessageWithTheCrmsText() {
    h.accept(trackFor("m1", "jane.kim@example.com"));
    h.crm.failNext(new CrmFailure(CrmFailure.Kind.PERMANENT, "422: Email address is not valid"));
    h.deliverDue();
    assertThat(h.message("m1").state()).isEqualTo(MessageState.DEAD);
    assertThat(h.message("m1").reason()).contains("422: Email address is not valid");
  }

  @Test
  void whenTheRetryWindowRunsOutTheMessageIsDead() {
    h.accept(trackFor("m1", "jane.kim@example.com"));
    h.clock.advance(Duration.ofHours(4));
    h.crm.failNext(new CrmFailure(CrmFailure.Kind.TRANSIENT, "timeout"));
    h.deliverDue();
    assertThat(h.message("m1").state()).isEqualTo(MessageState.DEAD);
    assertThat(h.message("m1").reason())
        .hasValueSatisfying(r -> assertThat(r).contains("retry window").contains("timeout"));
  }

  @Test
  void whenStoppingTheJobsNotStartedAreGivenBackClaimableAtOnce() {
    h.accept(
        trackFor("a", "a@example.com"),
        trackFor("b", "b@example.com"),
        trackFor("c", "c@example.com"));
    java.util.List<io.acdest.domain.delivery.DeliveryJob> jobs =
        h.store.claim("w1", 10, Duration.ofMinutes(5));
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();

    java.util.Map<?, DeliveryOutcome> outcomes =
        h.delivery.deliverAll(jobs, Duration.ofMinutes(5), () -> asked.incrementAndGet() <= 1);

    assertThat(outcomes).hasSize(1);
    assertThat(h.crm.events()).hasSize(1);
    assertThat(h.store.claim("w2", 10, Duration.ofMinutes(5)))
        .as("the two not started, at once, by another worker")
        .hasSize(2);
  }

  @Test
  void aJobTakenOverAfterItsLeaseRanOutIsNotStartedByTheWorkerThatLostIt() {
    h.accept(
        trackFor("a", "a@example.com"),
        trackFor("b", "b@example.com"),
        trackFor("c", "c@example.com"));
    java.util.List<io.acdest.domain.delivery.DeliveryJob> jobs =
        h.store.claim("w1", 10, Duration.ofMinutes(1));
    java.util.List<io.acdest.domain.delivery.DeliveryJob> takenOver = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();

    java.util.Map<?, DeliveryOutcome> outcomes =
        h.delivery.deliverAll(
            jobs,
            Duration.ofMinutes(1),
            () -> {
              if (asked.incrementAndGet()
                  == 2) { // after the first job, w1 stalls past its lease and w2 takes b and c
                h.clock.advance(Duration.ofSeconds(61));
                takenOver.addAll(h.store.claim("w2", 10, Duration.ofMinutes(1)));
              }
              return true;
            });

    assertThat(takenOver).hasSize(2);
    assertThat(outcomes).hasSize(1);
    assertThat(h.crm.events()).as("b and c are w2's to deliver, not w1's as well").hasSize(1);
  }

  @Test
  void aJobHeldBackForAnErasureAfterItsClaimIsNeverStartedAndItsLeaseIsGivenBack() {
    h.accept(
        trackFor("a", "a@example.com"),
        trackFor("b", "b@example.com"),
        trackFor("c", "c@example.com"));
    java.util.List<io.acdest.domain.delivery.DeliveryJob> jobs =
        h.store.claim("w1", 10, Duration.ofMinutes(1));
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();

    java.util.Map<?, DeliveryOutcome> outcomes =
        h.delivery.deliverAll(
            jobs,
            Duration.ofMinutes(1),
            () -> {
              if (asked.incrementAndGet()
                  == 2) { // b's person is erased while w1 delivers a: b's job is already w1's
                h.store.holdBack(Harness.key("b"));
              }
              return true;
            });

    assertThat(outcomes).hasSize(2);
    assertThat(h.crm.events()).as("a and c go out; b never does").hasSize(2);
    assertThat(h.message("b").state()).isEqualTo(MessageState.ACCEPTED);
    assertThat(h.store.leaseOwnerOf(Harness.key("b")))
        .as("given back, so the erasure does not wait for it")
        .isEmpty();
    assertThat(h.store.startedOf(Harness.key("b"))).isFalse();
  }

  @Test
  void aWorkerGoingThroughALongClaimKeepsItsLeasesRenewed() {
    h.accept(
        trackFor("a", "a@example.com"),
        trackFor("b", "b@example.com"),
        trackFor("c", "c@example.com"));
    java.util.List<io.acdest.domain.delivery.DeliveryJob> jobs =
        h.store.claim("w1", 10, Duration.ofMinutes(1));
    java.util.List<io.acdest.domain.delivery.DeliveryJob> claimedByOthers =
        new java.util.ArrayList<>();

    java.util.Map<?, DeliveryOutcome> outcomes =
        h.delivery.deliverAll(
            jobs,
            Duration.ofMinutes(1),
            () -> {
              h.clock.advance(
                  Duration.ofSeconds(
                      30)); // each job takes half a lease: 90 s for the three, past the first lease
              claimedByOthers.addAll(h.store.claim("w2", 10, Duration.ofMinutes(1)));
              return true;
            });

    assertThat(claimedByOthers).as("renewed as w1 went: never claimable by w2").isEmpty();
    assertThat(outcomes).hasSize(3);
    assertThat(h.crm.events()).hasSize(3);
  }

  /** The harness's queue, with a store that cannot record outcomes the first {@code failures} times. */
  private static final class FlakyOutcomes implements io.acdest.domain.port.out.DeliveryQueue {
    private final Harness h;
    private final int failures;
    private final Duration eachFailureTakes;
    final java.util.concurrent.atomic.AtomicInteger completes =
        new java.util.concurrent.atomic.AtomicInteger();

    FlakyOutcomes(Harness h, int failures, Duration eachFailureTakes) {
      this.h = h;
      this.failures = failures;
      this.eachFailureTakes = eachFailureTakes;
    }

    @Override
    public java.util.List<io.acdest.domain.delivery.DeliveryJob> claim(
        String worker,
        io.acdest.domain.delivery.DestinationId destination,
        java.util.Set<io.acdest.domain.delivery.DeliveryLane> lanes,
        int limit,
        Duration lease) {
      return h.store.claim(worker, destination, lanes, limit, lease);
    }

    @Override
    public boolean complete(io.acdest.domain.delivery.DeliveryJob job, DeliveryOutcome outcome) {
      if (completes.incrementAndGet() <= failures) {
        h.clock.advance(eachFailureTakes);
        throw new IllegalStateException("database down");
      }
      return h.store.complete(job, outcome);
    }

    @Override
    public java.util.List<io.acdest.domain.delivery.DeliveryJob> renew(
        java.util.List<io.acdest.domain.delivery.DeliveryJob> jobs, Duration lease) {
      return h.store.renew(jobs, lease);
    }

    @Override
    public java.util.List<io.acdest.domain.delivery.DeliveryJob> start(
        java.util.List<io.acdest.domain.delivery.DeliveryJob> jobs, Duration lease) {
      return h.store.start(jobs, lease);
    }

    @Override
    public void release(io.acdest.domain.delivery.DeliveryJob job) {
      h.store.release(job);
    }

    @Override
    public int reviveWaitingForEmail(java.util.Set<String> personIds, java.time.Instant since) {
      return h.store.reviveWaitingForEmail(personIds, since);
    }

    @Override
    public boolean replay(io.acdest.domain.message.MessageKey message) {
      return h.store.replay(message);
    }

    @Override
    public java.util.Map<io.acdest.domain.delivery.DestinationId, Integer> endDeliveriesExcept(
        java.util.Set<io.acdest.domain.delivery.DestinationId> delivering) {
      return h.store.endDeliveriesExcept(delivering);
    }

    @Override
    public long pending() {
      return h.store.pending();
    }
  }

  private DeliveryService deliveringThrough(FlakyOutcomes queue) {
    return new DeliveryService(
        queue,
        h.identify,
        h.track,
        h.page,
        new WaitingCalls(queue, h.directory, h.emails, h.clock, Duration.ofDays(7)),
        Harness.RETRIES,
        Harness.CONFIGURATION_PAUSE,
        h.clock,
        new java.util.Random(1),
        true);
  }

  @Test
  void anOutcomeTheStoreCouldNotTakeIsRecordedOnceItIsBackRatherThanDeliveredAgain() {
    h.accept(trackFor("m1", "jane.kim@example.com"));
    FlakyOutcomes queue = new FlakyOutcomes(h, 2, Duration.ofSeconds(1));

    deliveringThrough(queue)
        .deliverAll(
            h.store.claim("w1", 10, Duration.ofMinutes(1)), Duration.ofMinutes(1), () -> true);

    assertThat(queue.completes).hasValue(3);
    assertThat(h.message("m1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.crm.events()).hasSize(1);
  }

  @Test
  void aDeliveryTheStoreInterruptedIsTriedAgainByItsWorkerOnceTheStoreIsBack() {
    h.accept(trackFor("m1", "jane.kim@example.com"));
    h.crm.storeDownForNext(2);

    h.delivery.deliverAll(
        h.store.claim("w1", 10, Duration.ofMinutes(1)), Duration.ofMinutes(1), () -> true);

    assertThat(h.message("m1").state())
        .as("not left to its lease")
        .isEqualTo(MessageState.DELIVERED);
    assertThat(h.crm.events()).hasSize(1);
  }

  @Test
  void anOutcomeStillUnrecordedWhenTheLeaseEndsIsGivenUpForTheJobsNextWorker() {
    h.accept(trackFor("m1", "jane.kim@example.com"));
    FlakyOutcomes queue = new FlakyOutcomes(h, Integer.MAX_VALUE, Duration.ofSeconds(25));
    DeliveryService delivery = deliveringThrough(queue);
    java.util.List<io.acdest.domain.delivery.DeliveryJob> jobs =
        h.store.claim("w1", 10, Duration.ofMinutes(1));

    assertThatThrownBy(() -> delivery.deliverAll(jobs, Duration.ofMinutes(1), () -> true))
        .hasMessageContaining("database down");
    assertThat(queue.completes).as("tried at 0, 25 and 50 s of the 60 s lease").hasValue(3);
    assertThat(h.message("m1").state()).isEqualTo(MessageState.DELIVERING);
  }

  @Test
  void aFailingUserHoldsBackOnlyTheirOwnLaterCalls() {
    h.accept(
        trackFor("jane-1", "jane.kim@example.com"),
        trackFor("jane-2", "jane.kim@example.com"),
        trackFor("joe-1", "joe@example.com"));
    h.crm.failNext(new CrmFailure(CrmFailure.Kind.TRANSIENT, "503"));
    h.deliverDue();

    assertThat(h.message("jane-1").state()).isEqualTo(MessageState.ACCEPTED);
    assertThat(h.message("jane-2").state()).isEqualTo(MessageState.ACCEPTED);
    assertThat(h.message("joe-1").state()).isEqualTo(MessageState.DELIVERED);

    h.clock.advance(Duration.ofSeconds(10));
    h.deliverDue();
    assertThat(h.crm.requests())
        .containsExactly(
            "trackEvent jane.kim@example.com Clicked a button",
            "trackEvent joe@example.com Clicked a button",
            "trackEvent jane.kim@example.com Clicked a button",
            "trackEvent jane.kim@example.com Clicked a button");
    assertThat(h.message("jane-2").state()).isEqualTo(MessageState.DELIVERED);
  }
}
