package io.acdest.application.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.RetryCause;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.MessageLog.RecordOutcome;
import io.acdest.domain.port.out.NewMessage;
import io.acdest.domain.port.out.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MessageLog} and {@link DeliveryQueue} together (they share one store): what every
 * implementation, in memory or durable, must do.
 */
public abstract class MessageStoreContract {
  protected static final SourceId SOURCE = new SourceId("web");
  protected static final Duration LEASE = Duration.ofSeconds(30);

  protected MutableClock clock;
  protected MessageLog log;
  protected DeliveryQueue queue;
  protected io.acdest.domain.port.out.OperationsReadModel reads;

  /** A message log and delivery queue over one empty store, on this clock. */
  protected abstract void createStore(MutableClock clock);

  @BeforeEach
  void setUp() {
    clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    createStore(clock);
  }

  protected ReceivedCall call(String messageId, String userId) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "track");
    event.put("messageId", messageId);
    event.put("userId", userId);
    event.put("event", "Clicked a button");
    event.put(
        "properties",
        Map.of("acValue", "Signup button", "count", 3, "vip", true, "tags", List.of("a", "b")));
    return new ReceivedCall(SOURCE, "track", CallFields.root(event), clock.instant());
  }

  protected NewMessage accepted(String messageId, String userId) {
    return new NewMessage(
        key(messageId),
        call(messageId, userId),
        clock.instant().minusSeconds(1),
        MessageState.ACCEPTED,
        Optional.empty(),
        List.of("a warning"),
        List.of("age: reserved trait"),
        Optional.of(new OrderingKey("user:" + userId)));
  }

  protected NewMessage notQueued(String messageId, MessageState state, String reason) {
    return new NewMessage(
        key(messageId),
        call(messageId, "u1"),
        clock.instant(),
        state,
        Optional.of(reason),
        List.of(),
        List.of(),
        Optional.empty());
  }

  protected static MessageKey key(String messageId) {
    return new MessageKey(SOURCE, new MessageId(messageId));
  }

  protected StoredMessage stored(String messageId) {
    return log.find(key(messageId)).orElseThrow();
  }

  protected List<DeliveryJob> claim(String worker) {
    return queue.claim(worker, 100, LEASE);
  }

  private static List<String> messageIds(List<DeliveryJob> jobs) {
    return jobs.stream().map(j -> j.message().messageId().value()).toList();
  }

  @Test
  void newMessagesAreStoredAndRepeatedKeysAreDuplicates() {
    assertThat(
            log.record(List.of(accepted("m1", "u1"), accepted("m2", "u1"), accepted("m1", "u1"))))
        .containsExactly(RecordOutcome.STORED, RecordOutcome.STORED, RecordOutcome.DUPLICATE);
    assertThat(log.record(List.of(accepted("m2", "u1"), accepted("m3", "u2"))))
        .containsExactly(RecordOutcome.DUPLICATE, RecordOutcome.STORED);
    assertThat(messageIds(claim("w1"))).containsExactlyInAnyOrder("m1", "m3");
  }

  @Test
  void aStoredMessageKeepsWhatWasRecorded() {
    log.record(
        List.of(
            accepted("m1", "u1"),
            notQueued("r1", MessageState.REJECTED, "missing_event: event is required")));
    StoredMessage m1 = stored("m1");
    assertThat(m1.type()).isEqualTo("track");
    assertThat(m1.state()).isEqualTo(MessageState.ACCEPTED);
    assertThat(m1.warnings()).containsExactly("a warning");
    assertThat(m1.unmapped()).containsExactly("age: reserved trait");
    assertThat(m1.receivedAt()).isEqualTo(clock.instant());
    assertThat(m1.timestamp()).isEqualTo(clock.instant().minusSeconds(1));
    assertThat(stored("r1").reason()).contains("missing_event: event is required");
    assertThat(log.find(key("nope"))).isEmpty();
  }

  @Test
  void onlyAcceptedMessagesAreQueued() {
    log.record(
        List.of(
            notQueued("f1", MessageState.FILTERED, "filtered"),
            notQueued("i1", MessageState.IGNORED, "screen"),
            notQueued("r1", MessageState.REJECTED, "bad"),
            accepted("a1", "u1")));
    assertThat(messageIds(claim("w1"))).containsExactly("a1");
  }

  @Test
  void aClaimedJobCarriesTheCallAsReceivedAndMarksItsMessageDelivering() {
    log.record(List.of(accepted("m1", "u1")));
    DeliveryJob job = claim("w1").get(0);

    ReceivedCall expected = call("m1", "u1");
    assertThat(job.call().source()).isEqualTo(SOURCE);
    assertThat(job.call().type()).isEqualTo("track");
    assertThat(job.call().receivedAt()).isEqualTo(expected.receivedAt());
    assertThat(job.call().event().asMap()).isEqualTo(expected.event().asMap());
    assertThat(job.orderingKey()).isEqualTo(new OrderingKey("user:u1"));
    assertThat(job.attempts()).isZero();
    assertThat(job.claimedBy()).isEqualTo("w1");
    assertThat(stored("m1").state()).isEqualTo(MessageState.DELIVERING);
  }

  @Test
  void aLeasedJobIsNotClaimedAgainUntilItsLeaseRunsOut() {
    log.record(List.of(accepted("m1", "u1")));
    DeliveryJob first = claim("w1").get(0);
    assertThat(claim("w2")).isEmpty();

    clock.advance(LEASE.plusSeconds(1));
    List<DeliveryJob> takenOver = claim("w2");
    assertThat(messageIds(takenOver)).containsExactly("m1");
    assertThat(queue.complete(first, new DeliveryOutcome.Delivered(List.of())))
        .as("the first worker lost its lease")
        .isFalse();
    assertThat(queue.complete(takenOver.get(0), new DeliveryOutcome.Delivered(List.of()))).isTrue();
    assertThat(stored("m1").state()).isEqualTo(MessageState.DELIVERED);
  }

  @Test
  void aUsersLaterJobWaitsUntilTheEarlierOneIsFinished() {
    log.record(List.of(accepted("u1-a", "u1"), accepted("u2-a", "u2"), accepted("u1-b", "u1")));
    List<DeliveryJob> first = claim("w1");
    assertThat(messageIds(first)).containsExactlyInAnyOrder("u1-a", "u2-a");
    assertThat(claim("w2")).isEmpty();

    DeliveryJob u1a =
        first.stream().filter(j -> j.message().equals(key("u1-a"))).findFirst().orElseThrow();
    queue.complete(
        u1a,
        new DeliveryOutcome.RetryLater(
            clock.instant().plusSeconds(10), RetryCause.TRANSIENT, "503"));
    assertThat(claim("w2")).as("u1-a is retrying, so u1-b still waits").isEmpty();

    clock.advance(Duration.ofSeconds(10));
    DeliveryJob retried = claim("w2").get(0);
    assertThat(retried.message()).isEqualTo(key("u1-a"));
    assertThat(retried.attempts()).isEqualTo(1);
    queue.complete(retried, new DeliveryOutcome.Skipped("no email for user"));
    assertThat(messageIds(claim("w3"))).containsExactly("u1-b");
  }

  private NewMessage routedTo(String messageId, String userId, DestinationId... destinations) {
    NewMessage one = accepted(messageId, userId);
    return new NewMessage(
        one.key(),
        one.call(),
        one.timestamp(),
        one.state(),
        one.reason(),
        one.warnings(),
        one.unmapped(),
        one.orderingKey(),
        List.of(destinations));
  }

  private List<DeliveryJob> claimFor(DestinationId destination, String worker) {
    return queue.claim(
        worker, destination, java.util.EnumSet.allOf(DeliveryLane.class), 100, LEASE);
  }

  @Test
  void aCallRoutedToTwoDestinationsHasAJobForEachClaimedOnlyForItsDestination() {
    DestinationId shop = new DestinationId("ac-shop");
    DestinationId news = new DestinationId("mc-news");
    log.record(List.of(routedTo("both-1", "u1", shop, news)));

    assertThat(claim("w0")).as("nothing for the variables' destination").isEmpty();
    List<DeliveryJob> forShop = claimFor(shop, "w1");
    assertThat(forShop).singleElement().satisfies(j -> assertThat(j.destination()).isEqualTo(shop));
    List<DeliveryJob> forNews = claimFor(news, "w2");
    assertThat(forNews).singleElement().satisfies(j -> assertThat(j.destination()).isEqualTo(news));
    assertThat(forShop.get(0).id()).isNotEqualTo(forNews.get(0).id());
    assertThat(forShop.get(0).message()).isEqualTo(forNews.get(0).message());
  }

  @Test
  void oneUsersOrderHoldsPerDestinationAndOneDestinationHoldsBackNoOther() {
    DestinationId shop = new DestinationId("ac-shop");
    DestinationId news = new DestinationId("mc-news");
    log.record(List.of(routedTo("u1-a", "u1", shop, news), routedTo("u1-b", "u1", shop, news)));

    DeliveryJob shopFirst = claimFor(shop, "w1").get(0);
    assertThat(shopFirst.message()).isEqualTo(key("u1-a"));
    queue.complete(
        shopFirst,
        new DeliveryOutcome.RetryLater(
            clock.instant().plusSeconds(60), RetryCause.TRANSIENT, "503"));
    assertThat(claimFor(shop, "w1")).as("u1-b waits behind u1-a at ac-shop").isEmpty();

    assertThat(messageIds(claimFor(news, "w2")))
        .as("ac-shop retrying holds back nothing at mc-news")
        .containsExactly("u1-a");
  }

  @Test
  void eachDeliveryHasItsOwnOutcomeAndTheCallSumsThemUp() {
    DestinationId shop = new DestinationId("ac-shop");
    DestinationId news = new DestinationId("mc-news");
    log.record(List.of(routedTo("both-1", "u1", shop, news)));

    queue.complete(claimFor(shop, "w1").get(0), new DeliveryOutcome.Delivered(List.of()));
    assertThat(stored("both-1").state())
        .as("one delivery unfinished: the call is not delivered yet")
        .isEqualTo(MessageState.ACCEPTED);
    queue.complete(
        claimFor(news, "w2").get(0), new DeliveryOutcome.Failed("400: Invalid Resource"));

    assertThat(reads.deliveries(key("both-1")))
        .extracting(d -> d.destination().value(), d -> d.status().wire(), d -> d.reason())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ac-shop", "delivered", java.util.Optional.empty()),
            org.assertj.core.groups.Tuple.tuple(
                "mc-news", "dead", java.util.Optional.of("400: Invalid Resource")));
    assertThat(stored("both-1").state()).isEqualTo(MessageState.DEAD);
    assertThat(stored("both-1").reason())
        .contains("ac-shop: delivered; mc-news: dead (400: Invalid Resource)");

    assertThat(queue.replay(key("both-1"))).isTrue();
    assertThat(claimFor(shop, "w1")).as("the delivered delivery is not sent again").isEmpty();
    assertThat(messageIds(claimFor(news, "w2"))).containsExactly("both-1");
  }

  @Test
  void eachDestinationCountsItsUnfinishedAndItsRecentDeliveredAndDead() {
    DestinationId shop = new DestinationId("ac-shop");
    DestinationId news = new DestinationId("mc-news");
    log.record(List.of(routedTo("c-1", "u1", shop, news), routedTo("c-2", "u2", shop, news)));
    for (DeliveryJob job : claimFor(shop, "w1")) {
      queue.complete(job, new DeliveryOutcome.Delivered(List.of()));
    }
    queue.complete(claimFor(news, "w2").get(0), new DeliveryOutcome.Failed("400: Invalid"));

    var counts = reads.destinationCounts(clock.instant().minusSeconds(3600));
    assertThat(counts.get(shop))
        .isEqualTo(new io.acdest.domain.port.out.OperationsReadModel.DestinationCounts(0, 2, 0));
    assertThat(counts.get(news))
        .isEqualTo(new io.acdest.domain.port.out.OperationsReadModel.DestinationCounts(1, 0, 1));
    io.acdest.domain.port.out.MessageSearch toShop =
        new io.acdest.domain.port.out.MessageSearch(
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.of(shop),
            java.util.Optional.empty(),
            0,
            25);
    log.record(List.of(routedTo("c-3", "u3", news)));
    assertThat(reads.search(toShop))
        .extracting(m -> m.message().key().messageId().value())
        .containsExactlyInAnyOrder("c-1", "c-2");
    assertThat(
            reads.search(
                new io.acdest.domain.port.out.MessageSearch(
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.of(new DestinationId("elsewhere")),
                    java.util.Optional.empty(),
                    0,
                    25)))
        .isEmpty();
    clock.advance(Duration.ofHours(2));
    assertThat(reads.destinationCounts(clock.instant().minusSeconds(3600)).get(news))
        .as("an hour later only the unfinished count")
        .isEqualTo(new io.acdest.domain.port.out.OperationsReadModel.DestinationCounts(2, 0, 0));
  }

  @Test
  void deliveriesToADestinationThatLeftAreEndedNeverDeadAndTheOthersGoOn() {
    DestinationId shop = new DestinationId("ac-shop");
    DestinationId old = new DestinationId("ac-old");
    log.record(List.of(routedTo("both-1", "u1", shop, old), routedTo("old-only", "u2", old)));

    assertThat(queue.endDeliveriesExcept(java.util.Set.of(shop)))
        .containsExactly(java.util.Map.entry(old, 2));

    assertThat(claimFor(old, "w1")).isEmpty();
    assertThat(stored("old-only").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(stored("old-only").reason())
        .hasValueSatisfying(r -> assertThat(r).contains("ac-old is no longer enabled"));
    assertThat(reads.deliveries(key("old-only")))
        .singleElement()
        .satisfies(d -> assertThat(d.status().wire()).isEqualTo("ended"));
    assertThat(messageIds(claimFor(shop, "w2"))).containsExactly("both-1");
    assertThat(queue.endDeliveriesExcept(java.util.Set.of(shop))).as("once").isEmpty();
  }

  @Test
  void outcomesSetTheMessageStateAndReason() {
    log.record(List.of(accepted("d", "u1"), accepted("s", "u2"), accepted("f", "u3")));
    for (DeliveryJob job : claim("w1")) {
      DeliveryOutcome outcome =
          switch (job.message().messageId().value()) {
            case "d" -> new DeliveryOutcome.Delivered(List.of("shoeSize: no custom field"));
            case "s" -> new DeliveryOutcome.Skipped("no email for user");
            default -> new DeliveryOutcome.Failed("422: Email address is not valid");
          };
      assertThat(queue.complete(job, outcome)).isTrue();
    }
    assertThat(stored("d").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(stored("d").unmapped()).containsExactly("shoeSize: no custom field");
    assertThat(stored("s").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(stored("s").reason()).contains("no email for user");
    assertThat(stored("f").state()).isEqualTo(MessageState.DEAD);
    assertThat(stored("f").reason()).contains("422: Email address is not valid");
    clock.advance(Duration.ofHours(1));
    assertThat(claim("w2")).as("finished jobs are never claimed again").isEmpty();
  }

  @Test
  void onlyTransientRetriesUseAnAttemptAndEveryRetryWaitsUntilItsTime() {
    log.record(List.of(accepted("m1", "u1")));
    DeliveryJob job = claim("w1").get(0);
    queue.complete(
        job,
        new DeliveryOutcome.RetryLater(
            clock.instant().plusSeconds(5), RetryCause.THROTTLED, "429"));
    assertThat(stored("m1").state()).isEqualTo(MessageState.ACCEPTED);
    assertThat(stored("m1").reason()).hasValueSatisfying(r -> assertThat(r).contains("429"));
    clock.advance(Duration.ofSeconds(4));
    assertThat(claim("w1")).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    job = claim("w1").get(0);
    assertThat(job.attempts()).isZero();

    queue.complete(job, new DeliveryOutcome.RetryLater(clock.instant(), RetryCause.PAUSED, "401"));
    job = claim("w1").get(0);
    assertThat(job.attempts()).isZero();

    queue.complete(
        job, new DeliveryOutcome.RetryLater(clock.instant(), RetryCause.TRANSIENT, "timeout"));
    assertThat(claim("w1").get(0).attempts()).isEqualTo(1);
  }

  @Test
  void aDeadMessageCanBeReplayed() {
    log.record(List.of(accepted("m1", "u1"), accepted("m2", "u2")));
    clock.advance(Duration.ofHours(5));
    for (DeliveryJob job : claim("w1")) {
      queue.complete(
          job,
          job.message().equals(key("m1"))
              ? new DeliveryOutcome.Failed("gave up")
              : new DeliveryOutcome.Delivered(List.of()));
    }
    assertThat(queue.replay(key("m2"))).as("only dead messages are replayed").isFalse();
    assertThat(queue.replay(key("nope"))).isFalse();

    assertThat(queue.replay(key("m1"))).isTrue();
    assertThat(stored("m1").state()).isEqualTo(MessageState.ACCEPTED);
    DeliveryJob replayed = claim("w1").get(0);
    assertThat(replayed.message()).isEqualTo(key("m1"));
    assertThat(replayed.attempts()).isZero();
    assertThat(replayed.acceptedAt()).as("a new retry window").isEqualTo(clock.instant());
  }

  @Test
  void messagesAreFoundByIdAcrossSourcesAndListedByState() {
    log.record(
        List.of(
            accepted("m1", "u1"),
            notQueued("r1", MessageState.REJECTED, "bad"),
            notQueued("r2", MessageState.REJECTED, "worse")));
    assertThat(log.findAll(new MessageId("m1")))
        .extracting(StoredMessage::key)
        .containsExactly(key("m1"));
    assertThat(log.findAll(new MessageId("none"))).isEmpty();
    assertThat(log.list(MessageState.REJECTED, 10))
        .extracting(m -> m.key().messageId().value())
        .containsExactlyInAnyOrder("r1", "r2");
    assertThat(log.list(MessageState.REJECTED, 1)).hasSize(1);
    assertThat(queue.pending()).isEqualTo(1);
    queue.complete(claim("w").get(0), new DeliveryOutcome.Delivered(List.of()));
    assertThat(queue.pending()).isZero();
  }

  @Test
  void aRenewedLeaseKeepsTheJobAndATakenOverJobIsNoLongerRenewed() {
    log.record(List.of(accepted("m1", "u1"), accepted("m2", "u2")));
    List<DeliveryJob> mine = claim("w1");
    clock.advance(LEASE.minusSeconds(1));
    assertThat(queue.renew(mine, LEASE)).containsExactlyElementsOf(mine);
    clock.advance(LEASE.minusSeconds(1));
    assertThat(claim("w2")).as("renewed: still leased to w1").isEmpty();

    clock.advance(Duration.ofSeconds(2)); // the lease runs out: w2 takes m1 over
    DeliveryJob takenOver = queue.claim("w2", 1, LEASE).get(0);
    assertThat(takenOver.message()).isEqualTo(key("m1"));
    assertThat(queue.renew(mine, LEASE))
        .as("m1 is w2's now; m2 was not taken, so w1 keeps it")
        .extracting(DeliveryJob::message)
        .containsExactly(key("m2"));
    queue.complete(takenOver, new DeliveryOutcome.Delivered(List.of()));
    assertThat(queue.renew(List.of(takenOver), LEASE)).as("a finished job is nobody's").isEmpty();
  }

  @Test
  void aJobBeginsOnlyWhileItIsStillItsClaimants() {
    log.record(List.of(accepted("m1", "u1")));
    DeliveryJob mine = claim("w1").get(0);
    clock.advance(LEASE.minusSeconds(1));
    assertThat(queue.start(List.of(mine), LEASE)).containsExactly(mine);
    clock.advance(LEASE.minusSeconds(1));
    assertThat(claim("w2")).as("beginning renews the lease").isEmpty();

    clock.advance(Duration.ofSeconds(2)); // w1 stalls past the lease: w2 takes m1 over
    DeliveryJob takenOver = claim("w2").get(0);
    assertThat(queue.start(List.of(mine), LEASE)).as("m1 is w2's now").isEmpty();
    assertThat(queue.start(List.of(takenOver), LEASE)).containsExactly(takenOver);
    queue.complete(takenOver, new DeliveryOutcome.Delivered(List.of()));
    assertThat(queue.start(List.of(takenOver), LEASE))
        .as("a finished job begins no more")
        .isEmpty();
  }

  @Test
  void aReleasedJobIsClaimableAtOnceAndOnlyItsClaimantCanReleaseIt() {
    log.record(List.of(accepted("m1", "u1")));
    DeliveryJob job = claim("w1").get(0);
    queue.release(
        new DeliveryJob(
            job.id(),
            job.message(),
            job.call(),
            job.orderingKey(),
            job.attempts(),
            job.acceptedAt(),
            "someone-else",
            job.destination()));
    assertThat(claim("w2")).as("still leased to w1").isEmpty();

    queue.release(job);
    assertThat(stored("m1").state()).isEqualTo(MessageState.ACCEPTED);
    DeliveryJob again = claim("w2").get(0);
    assertThat(again.message()).isEqualTo(key("m1"));
    assertThat(again.attempts()).as("a release uses no attempt").isZero();
  }

  @Test
  void claimTakesAtMostTheLimit() {
    log.record(List.of(accepted("a", "u1"), accepted("b", "u2"), accepted("c", "u3")));
    assertThat(queue.claim("w1", 2, LEASE)).hasSize(2);
    assertThat(queue.claim("w2", 2, LEASE)).hasSize(1);
  }

  @Test
  void eachLaneClaimsItsOwnJobsAndAUsersJobWaitsForItsEarlierJobInTheOtherLane() {
    ReceivedCall identify =
        new ReceivedCall(
            SOURCE,
            "identify",
            CallFields.root(Map.of("type", "identify", "messageId", "i1", "userId", "u1")),
            clock.instant());
    log.record(
        List.of(
            new NewMessage(
                key("i1"),
                identify,
                clock.instant(),
                MessageState.ACCEPTED,
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.of(new OrderingKey("user:u1"))),
            accepted("t1", "u1"),
            accepted("t2", "u2")));

    List<DeliveryJob> activity =
        queue.claim("a", java.util.EnumSet.of(DeliveryLane.ACTIVITY), 10, LEASE);
    assertThat(activity)
        .extracting(j -> j.message().messageId().value())
        .as("u1's track waits for u1's identify, u2's goes")
        .containsExactly("t2");
    List<DeliveryJob> contacts =
        queue.claim("c", java.util.EnumSet.of(DeliveryLane.CONTACTS), 10, LEASE);
    assertThat(contacts).extracting(j -> j.message().messageId().value()).containsExactly("i1");
    assertThat(queue.claim("a", java.util.EnumSet.of(DeliveryLane.ACTIVITY), 10, LEASE)).isEmpty();

    queue.complete(contacts.get(0), new DeliveryOutcome.Delivered(List.of()));
    assertThat(queue.claim("a", java.util.EnumSet.of(DeliveryLane.ACTIVITY), 10, LEASE))
        .extracting(j -> j.message().messageId().value())
        .containsExactly("t1");
  }

  @Test
  void callsWaitingForAnEmailComeBackByUserIdOrAnonymousIdAndOnlyThose() {
    ReceivedCall page =
        new ReceivedCall(
            SOURCE,
            "page",
            CallFields.root(
                Map.of(
                    "type",
                    "page",
                    "messageId",
                    "p1",
                    "anonymousId",
                    "anon-7",
                    "properties",
                    Map.of("url", "https://shop.example/"))),
            clock.instant());
    ReceivedCall other =
        new ReceivedCall(
            SOURCE,
            "page",
            CallFields.root(
                Map.of(
                    "type",
                    "page",
                    "messageId",
                    "p2",
                    "anonymousId",
                    "anon-8",
                    "properties",
                    Map.of("url", "https://shop.example/"))),
            clock.instant());
    ReceivedCall track =
        new ReceivedCall(
            SOURCE,
            "track",
            CallFields.root(
                Map.of(
                    "type",
                    "track",
                    "messageId",
                    "t1",
                    "userId",
                    "late-1",
                    "event",
                    "Order Completed")),
            clock.instant());
    log.record(
        List.of(
            new NewMessage(
                key("p1"),
                page,
                clock.instant(),
                MessageState.ACCEPTED,
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.of(new OrderingKey("anonymous:anon-7"))),
            new NewMessage(
                key("p2"),
                other,
                clock.instant(),
                MessageState.ACCEPTED,
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.of(new OrderingKey("anonymous:anon-8"))),
            new NewMessage(
                key("t1"),
                track,
                clock.instant(),
                MessageState.ACCEPTED,
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.of(new OrderingKey("user:late-1")))));
    for (DeliveryJob job : queue.claim("w", 10, LEASE)) {
      queue.complete(job, DeliveryOutcome.Skipped.noEmail());
    }
    assertThat(stored("p1").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(stored("p1").reason())
        .hasValueSatisfying(reason -> assertThat(reason).contains("waiting for an identify"));

    clock.advance(Duration.ofMinutes(5));
    assertThat(
            queue.reviveWaitingForEmail(
                Set.of("anon-7", "late-1"), clock.instant().minus(Duration.ofHours(1))))
        .isEqualTo(2);
    assertThat(stored("p1").state()).isEqualTo(MessageState.ACCEPTED);
    assertThat(stored("t1").state()).as("found by its userId").isEqualTo(MessageState.ACCEPTED);
    assertThat(stored("p2").state()).as("another visitor's").isEqualTo(MessageState.SKIPPED);
    assertThat(queue.claim("w", 10, LEASE))
        .extracting(j -> j.message().messageId().value())
        .containsExactlyInAnyOrder("p1", "t1");
    assertThat(queue.reviveWaitingForEmail(Set.of("anon-8"), clock.instant()))
        .as("older than the window")
        .isZero();
    assertThat(queue.reviveWaitingForEmail(Set.of(), clock.instant().minus(Duration.ofDays(1))))
        .isZero();
  }

  @Test
  void anOperatorsRetryBringsBackACallWaitingForAnEmailButNotOneSkippedByRule() {
    ReceivedCall waiting =
        new ReceivedCall(
            SOURCE,
            "track",
            CallFields.root(
                Map.of(
                    "type", "track", "messageId", "w1", "userId", "late-2", "event", "Signed Up")),
            clock.instant());
    ReceivedCall byRule =
        new ReceivedCall(
            SOURCE,
            "identify",
            CallFields.root(Map.of("type", "identify", "messageId", "r1", "userId", "late-3")),
            clock.instant());
    log.record(
        List.of(
            new NewMessage(
                key("w1"),
                waiting,
                clock.instant(),
                MessageState.ACCEPTED,
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.of(new OrderingKey("user:late-2"))),
            new NewMessage(
                key("r1"),
                byRule,
                clock.instant(),
                MessageState.ACCEPTED,
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.of(new OrderingKey("user:late-3")))));
    for (DeliveryJob job : queue.claim("w", 10, LEASE)) {
      queue.complete(
          job,
          job.message().messageId().value().equals("w1")
              ? DeliveryOutcome.Skipped.noEmail()
              : new DeliveryOutcome.Skipped("no contact to update without a name"));
    }
    assertThat(queue.replay(key("w1"))).isTrue();
    assertThat(queue.replay(key("r1"))).as("skipped by a rule, not waiting").isFalse();
    assertThat(stored("w1").state()).isEqualTo(MessageState.ACCEPTED);
    assertThat(queue.claim("w", 10, LEASE))
        .extracting(j -> j.message().messageId().value())
        .containsExactly("w1");
  }
}
