package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.application.ReplayService;
import io.acdest.application.fakes.InMemorySuppressions;
import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.CallType;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.call.PersonIdentifiers;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.Route;
import io.acdest.domain.delivery.Routes;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.model.ListIdFormat;
import io.acdest.domain.port.in.ReplayUseCase;
import io.acdest.domain.port.out.NewMessage;
import io.acdest.domain.replay.Replay;
import io.acdest.domain.replay.ReplayPlan;
import io.acdest.domain.replay.ReplayRequest;
import io.acdest.domain.replay.ReplayRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays on a real PostgreSQL (docs/behaviour.md §7): the replay use case with the JDBC store and queue. Destination
 * {@code a} delivered four calls of two people; {@code b} is new.
 */
class ReplayStoreTest {
  private static final PersistenceJson JSON = new PersistenceJson();
  private static final DestinationId A = new DestinationId("a");
  private static final DestinationId B = new DestinationId("b");
  private static final SourceId WEB = new SourceId("web");
  private static final Duration LEASE = Duration.ofMinutes(1);
  private static final Set<DeliveryLane> EVERY_LANE = EnumSet.allOf(DeliveryLane.class);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final InMemorySuppressions suppressions = new InMemorySuppressions();
  private DataSource dataSource;
  private JdbcMessageLog log;
  private JdbcDeliveryQueue queue;
  private ReplayService replays;
  private Instant from;

  @BeforeEach
  void fourCallsDeliveredToA() {
    dataSource = TestDatabase.shared();
    TestDatabase.truncate(dataSource);
    log = new JdbcMessageLog(dataSource, JSON, clock);
    queue = new JdbcDeliveryQueue(dataSource, JSON, clock);
    replays =
        new ReplayService(
            new JdbcReplayStore(dataSource, JSON),
            new Routes(List.of(route(A), route(B))),
            suppressions,
            clock);
    from = clock.instant().minusSeconds(60);
    // one request: its messages are stored in key order (m1 < m2 < m3 < m4 by id), its jobs in
    // request order
    log.record(
        List.of(
            call("m4", "identify", "u1"),
            call("m2", "track", "u1"),
            call("m3", "track", "u2"),
            call("m1", "identify", "u2")));
    clock.advance(Duration.ofSeconds(1));
    deliverAll(A);
  }

  @Test
  void aBackfillSendsEveryCallToTheNewDestinationInTheOrderItWasAccepted() {
    ReplayUseCase.Started started = replays.start(request(B, Set.of(), false));
    assertThat(started.plan().total()).isEqualTo(4);
    assertThat(sends(started.plan()))
        .containsEntry(CallType.IDENTIFY, 2L)
        .containsEntry(CallType.TRACK, 2L);

    assertThat(replays.advance()).isTrue();
    // u1: m4 (identify) was accepted before m2 (track): only m4 is claimable; u2: m3 before m1
    List<DeliveryJob> first = queue.claim("w", B, EVERY_LANE, 10, LEASE);
    assertThat(ids(first)).containsExactlyInAnyOrder("m4", "m3");
    first.forEach(job -> queue.complete(job, new DeliveryOutcome.Delivered(List.of())));
    clock.advance(Duration.ofSeconds(1));
    deliverAll(B);
    while (replays.advance()) {
      deliverAll(B);
    }
    replays.advance();

    Replay done = replays.find(started.replay().id()).orElseThrow();
    assertThat(done.state()).isEqualTo(Replay.State.DONE);
    assertThat(done.done()).isEqualTo(4);
    assertThat(done.queued()).isEqualTo(4);
    assertThat(outcomes(B)).containsOnly("delivered").hasSize(4);
    assertThat(replayOf("m2", B)).contains(started.replay().id());
  }

  @Test
  void tracksAndPagesDeliveredAlreadyAreNotSentAgainUnlessAsked() {
    ReplayPlan plan = replays.plan(request(A, Set.of(), false));
    assertThat(sends(plan)).containsEntry(CallType.IDENTIFY, 2L).containsEntry(CallType.TRACK, 0L);
    assertThat(plan.types().get(1).passed()).containsEntry(ReplayRule.ALREADY_DELIVERED, 2L);

    replays.start(request(A, Set.of(), false));
    replays.advance();
    assertThat(ids(queue.claim("w", A, EVERY_LANE, 10, LEASE)))
        .containsExactlyInAnyOrder("m4", "m1");

    assertThat(sends(replays.plan(request(A, Set.of(), true)))).containsEntry(CallType.TRACK, 2L);
  }

  @Test
  void aCancelledReplayGivesBackWhatItHadNotSentAndNothingIsLost() {
    long id = replays.start(request(B, Set.of(), false)).replay().id();
    replays.advance();
    DeliveryJob sent = queue.claim("w", B, EVERY_LANE, 1, LEASE).getFirst();
    queue.complete(sent, new DeliveryOutcome.Delivered(List.of()));

    Replay cancelled = replays.cancel(id).orElseThrow();

    assertThat(cancelled.state()).isEqualTo(Replay.State.CANCELLED);
    assertThat(queue.claim("w", B, EVERY_LANE, 10, LEASE)).isEmpty();
    assertThat(outcomes(B)).containsExactly("delivered");
    assertThat(states()).doesNotContain("accepted");
    // what it gave back is as it was: never routed to b, so a new backfill covers it, and nothing
    // twice
    ReplayPlan again = replays.plan(request(B, Set.of(ReplayRequest.Standing.NEVER), false));
    assertThat(again.total()).isEqualTo(3);
    assertThat(replays.resume(id).orElseThrow().state()).isEqualTo(Replay.State.CANCELLED);
  }

  @Test
  void aPausedReplayResumesWhereItWasWithoutSendingAnythingTwice() {
    long id = replays.start(request(B, Set.of(), false)).replay().id();
    replays.advance();
    DeliveryJob sent = queue.claim("w", B, EVERY_LANE, 1, LEASE).getFirst();
    queue.complete(sent, new DeliveryOutcome.Delivered(List.of()));

    Replay paused = replays.pause(id).orElseThrow();
    assertThat(paused.state()).isEqualTo(Replay.State.PAUSED);
    assertThat(paused.pending()).isZero();
    assertThat(queue.claim("w", B, EVERY_LANE, 10, LEASE)).isEmpty();
    assertThat(replays.advance()).isFalse();

    replays.resume(id);
    replays.advance();
    List<DeliveryJob> rest = new ArrayList<>();
    for (List<DeliveryJob> jobs = claim(B); !jobs.isEmpty(); jobs = claim(B)) {
      rest.addAll(jobs);
      jobs.forEach(job -> queue.complete(job, new DeliveryOutcome.Delivered(List.of())));
    }
    assertThat(ids(rest)).doesNotContain(sent.message().messageId().value()).hasSize(3);
    replays.advance();
    assertThat(replays.find(id).orElseThrow().state()).isEqualTo(Replay.State.DONE);
  }

  @Test
  void liveCallsGoFirstAndAReplayedCallALiveOneWaitsBehindIsRaised() {
    replays.start(request(B, Set.of(), false));
    replays.advance();
    clock.advance(Duration.ofSeconds(5));
    log.record(List.of(callTo("m5", "track", "u3", B), callTo("m6", "track", "u1", B)));

    // due later than every replayed delivery, and still first
    assertThat(ids(queue.claim("w", B, EVERY_LANE, 1, LEASE))).containsExactly("m5");
    replays.advance();
    assertThat(priorityOf("m4", B)).isZero();
    assertThat(priorityOf("m3", B)).isEqualTo(1);
  }

  @Test
  void suppressedPeopleAreNeverReplayed() {
    suppressions.suppress(
        PersonIdentifiers.of(CallFields.root(Map.of("userId", "u2"))).hashes(), clock.instant());
    replays.start(request(B, Set.of(), false));
    replays.advance();
    assertThat(ids(queue.claim("w", B, EVERY_LANE, 10, LEASE))).containsExactly("m4");
  }

  @Test
  void aReplayToADestinationNotConfiguredIsRefusedNamingTheField() {
    assertThatThrownBy(() -> replays.plan(request(new DestinationId("gone"), Set.of(), false)))
        .isInstanceOf(InvalidField.class)
        .hasMessageContaining("destination must be one of the enabled destinations: a, b");
  }

  private List<DeliveryJob> claim(DestinationId destination) {
    return queue.claim("w", destination, EVERY_LANE, 10, LEASE);
  }

  private void deliverAll(DestinationId destination) {
    for (List<DeliveryJob> jobs = claim(destination); !jobs.isEmpty(); jobs = claim(destination)) {
      jobs.forEach(job -> queue.complete(job, new DeliveryOutcome.Delivered(List.of())));
    }
  }

  private ReplayRequest request(
      DestinationId destination, Set<ReplayRequest.Standing> states, boolean resend) {
    return new ReplayRequest(
        destination,
        from,
        clock.instant().plusSeconds(1),
        Set.of(),
        Set.of(),
        Set.of(),
        states,
        Optional.empty(),
        resend);
  }

  private static Map<CallType, Long> sends(ReplayPlan plan) {
    Map<CallType, Long> sends = new LinkedHashMap<>();
    plan.types().forEach(type -> sends.put(type.type(), type.send()));
    return sends;
  }

  private static List<String> ids(List<DeliveryJob> jobs) {
    return jobs.stream().map(job -> job.message().messageId().value()).toList();
  }

  private static Route route(DestinationId destination) {
    return Route.everySourceTo(
        destination, new IntegrationsFilter(destination.value()), ListIdFormat.ANY);
  }

  private NewMessage call(String id, String type, String user) {
    return callTo(id, type, user, A);
  }

  private NewMessage callTo(String id, String type, String user, DestinationId destination) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", type);
    event.put("messageId", id);
    event.put("userId", user);
    if (type.equals("identify")) {
      event.put("traits", Map.of("email", user + "@example.com"));
    } else {
      event.put("event", "Signed Up");
    }
    return new NewMessage(
        new MessageKey(WEB, new MessageId(id)),
        new ReceivedCall(WEB, type, CallFields.root(event), clock.instant()),
        clock.instant(),
        MessageState.ACCEPTED,
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.of(new OrderingKey("user:" + user)),
        List.of(destination));
  }

  private List<String> outcomes(DestinationId destination) {
    return column(
        "SELECT coalesce(outcome, status) FROM delivery_jobs WHERE destination = ? ORDER BY id",
        destination.value());
  }

  private List<String> states() {
    return column("SELECT state FROM messages WHERE source = ? ORDER BY id", WEB.value());
  }

  private Optional<Long> replayOf(String messageId, DestinationId destination) {
    List<String> found =
        column(
            "SELECT j.replay_id::text FROM delivery_jobs j JOIN messages m ON m.id = j.message_ref"
                + " WHERE j.destination = ? AND m.message_id = '"
                + messageId
                + "'",
            destination.value());
    return found.stream().findFirst().map(Long::valueOf);
  }

  private int priorityOf(String messageId, DestinationId destination) {
    return Integer.parseInt(
        column(
                "SELECT j.priority::text FROM delivery_jobs j JOIN messages m ON m.id = j.message_ref"
                    + " WHERE j.destination = ? AND m.message_id = '"
                    + messageId
                    + "'",
                destination.value())
            .getFirst());
  }

  private List<String> column(String sql, String parameter) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, parameter);
      List<String> values = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
