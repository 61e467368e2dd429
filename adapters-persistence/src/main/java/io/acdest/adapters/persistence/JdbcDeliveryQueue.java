package io.acdest.adapters.persistence;

import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.CallLimits;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.DeliverySummary;
import io.acdest.domain.delivery.DestinationDelivery;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.out.DeliveryQueue;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The delivery queue in PostgreSQL. Claims take due jobs with {@code FOR UPDATE SKIP LOCKED} and lease them to
 * the worker, live deliveries before replayed ones (priority); a job is only claimable while no earlier job of its
 * ordering key is pending to its destination (in the order the calls were accepted: the job's id, or for a replayed
 * delivery its {@code seq}, the id of the call's first job), so one user's calls are delivered in order, replayed
 * ones among them, and a failing user holds back no one else. Times come from the injected clock, so every
 * instance must keep its clock in sync (NTP); the lease absorbs small differences.
 */
public final class JdbcDeliveryQueue implements DeliveryQueue {
  private static final String CLAIM =
      """
      WITH candidates AS (
        SELECT j.id FROM delivery_jobs j
        WHERE j.status = 'pending' AND j.due_at <= ? AND j.lane = ? AND j.destination = ?
          AND (j.lease_expires_at IS NULL OR j.lease_expires_at <= ?)
          AND coalesce(j.seq, j.id) = (SELECT min(coalesce(e.seq, e.id)) FROM delivery_jobs e
                                       WHERE e.queue_key = j.queue_key AND e.status = 'pending')
        ORDER BY j.priority, j.due_at, j.id
        LIMIT ?
        FOR UPDATE OF j SKIP LOCKED
      ), leased AS (
        UPDATE delivery_jobs j SET lease_owner = ?, lease_expires_at = ?, started_at = NULL
        FROM candidates c WHERE j.id = c.id
        RETURNING j.id, j.message_ref, j.ordering_key, j.attempts, j.accepted_at, j.destination
      ), marked AS (
        UPDATE messages m SET state = 'delivering', updated_at = ?
        FROM leased l WHERE m.id = l.message_ref
        RETURNING m.id, m.source, m.message_id, m.type, m.payload::text AS payload, m.received_at, m.limits
      )
      SELECT l.id, l.ordering_key, l.attempts, l.accepted_at, l.destination, k.source, k.message_id, k.type, k.payload,
             k.received_at, k.limits
      FROM leased l JOIN marked k ON k.id = l.message_ref
      ORDER BY l.id
      """;

  /**
   * The same for every lane at once: without the lane test, so that the planner walks the due index instead of
   * sorting every pending job of both lanes (StoreBenchmark: 307 claims a second with a lane test, as before lanes
   * without it). The lane's parameter stays bound, so both statements take the same parameters.
   */
  private static final String CLAIM_ANY_LANE = CLAIM.replace("j.lane = ?", "?::text IS NOT NULL");

  private static final String FINISH_JOB =
      """
      UPDATE delivery_jobs SET status = 'finished', finished_at = ?, attempts = attempts + ?,
                               lease_owner = NULL, lease_expires_at = NULL, started_at = NULL, outcome = ?, reason = ?,
                               unmapped = ?::jsonb
      WHERE id = ? AND status = 'pending' AND lease_owner = ?
      RETURNING message_ref
      """;
  private static final String RESCHEDULE_JOB =
      """
      UPDATE delivery_jobs SET due_at = ?, attempts = attempts + ?, lease_owner = NULL, lease_expires_at = NULL,
                               started_at = NULL, reason = ?
      WHERE id = ? AND status = 'pending' AND lease_owner = ?
      RETURNING message_ref
      """;
  private static final String DELIVERIES_OF_MESSAGE =
      """
      SELECT destination, status, outcome, reason, attempts, replay_id FROM delivery_jobs WHERE message_ref = ?
      ORDER BY id
      """;
  private static final String SET_MESSAGE =
      """
      UPDATE messages SET state = ?, reason = ?, unmapped = coalesce(?::jsonb, unmapped), updated_at = ? WHERE id = ?
      """;
  private static final String REPLAY_MESSAGE =
      """
      UPDATE messages SET state = 'accepted', reason = 'replayed', updated_at = ?
      WHERE source = ? AND message_id = ? AND (state = 'dead' OR (state = 'skipped' AND reason = ?))
      RETURNING id
      """;
  private static final String REPLAY_JOB =
      """
      UPDATE delivery_jobs SET status = 'pending', attempts = 0, due_at = ?, accepted_at = ?, finished_at = NULL,
                               lease_owner = NULL, lease_expires_at = NULL, outcome = NULL, reason = 'replayed'
      WHERE message_ref = ? AND status = 'finished' AND (outcome = 'dead' OR (outcome = 'skipped' AND reason = ?))
      """;

  /**
   * A revived call keeps its job, and with it its place in its user's order (job ids order one key's jobs); its retry
   * window starts again.
   */
  private static final String REVIVE =
      """
      WITH revived AS (
        UPDATE messages SET state = 'accepted', reason = 'revived: the email became known', updated_at = ?
        WHERE state = 'skipped' AND reason = ? AND received_at >= ?
          AND (acdest_id(payload->>'userId') = ANY (?) OR acdest_id(payload->>'anonymousId') = ANY (?))
        RETURNING id
      )
      UPDATE delivery_jobs j SET status = 'pending', due_at = ?, accepted_at = ?, attempts = 0, finished_at = NULL,
                                 lease_owner = NULL, lease_expires_at = NULL, started_at = NULL, outcome = NULL,
                                 reason = 'revived: the email became known'
      FROM revived r WHERE j.message_ref = r.id AND j.status = 'finished' AND j.outcome = 'skipped' AND j.reason = ?
      """;

  private final DataSource dataSource;
  private final PersistenceJson json;
  private final Clock clock;

  public JdbcDeliveryQueue(DataSource dataSource, PersistenceJson json, Clock clock) {
    this.dataSource = dataSource;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public List<DeliveryJob> claim(
      String worker,
      DestinationId destination,
      Set<DeliveryLane> lanes,
      int limit,
      Duration lease) {
    if (lanes.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    // two lanes: a claim is for one of them (an equality the lane's due index serves in order) or
    // for both
    boolean everyLane = lanes.size() == DeliveryLane.values().length;
    String lane = lanes.iterator().next().wire();
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement claim =
              connection.prepareStatement(everyLane ? CLAIM_ANY_LANE : CLAIM)) {
            Jdbc.setInstant(claim, 1, now);
            claim.setString(2, lane);
            claim.setString(3, destination.value());
            Jdbc.setInstant(claim, 4, now);
            claim.setInt(5, limit);
            claim.setString(6, worker);
            Jdbc.setInstant(claim, 7, now.plus(lease));
            Jdbc.setInstant(claim, 8, now);
            List<DeliveryJob> jobs = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
              while (rows.next()) {
                jobs.add(job(rows, worker));
              }
            }
            return jobs;
          }
        });
  }

  private DeliveryJob job(ResultSet row, String worker) throws SQLException {
    ReceivedCall call = call(row, json);
    MessageKey key = new MessageKey(call.source(), new MessageId(row.getString("message_id")));
    return new DeliveryJob(
        new JobId(row.getLong("id")),
        key,
        call,
        new OrderingKey(row.getString("ordering_key")),
        row.getInt("attempts"),
        Jdbc.getInstant(row, "accepted_at"),
        worker,
        new DestinationId(row.getString("destination")));
  }

  /**
   * The call as stored in a row with the message's {@code source}, {@code type}, {@code payload}, {@code received_at}
   * and {@code limits}.
   */
  static ReceivedCall call(ResultSet row, PersistenceJson json) throws SQLException {
    return new ReceivedCall(
        new SourceId(row.getString("source")),
        row.getString("type"),
        CallFields.root(json.readObject(row.getString("payload"))),
        Jdbc.getInstant(row, "received_at"),
        CallLimits.of(java.util.Arrays.asList(row.getString("limits").split(","))));
  }

  @Override
  public boolean complete(DeliveryJob job, DeliveryOutcome outcome) {
    Instant now = clock.instant();
    return Jdbc.inTransaction(
        dataSource,
        connection ->
            switch (outcome) {
              case DeliveryOutcome.Delivered delivered ->
                  finish(
                      connection,
                      job,
                      now,
                      0,
                      "delivered",
                      delivered.note().orElse(null),
                      json.write(delivered.unmapped()));
              case DeliveryOutcome.Skipped skipped ->
                  finish(connection, job, now, 0, "skipped", skipped.reason(), null);
              case DeliveryOutcome.Failed failed ->
                  finish(connection, job, now, 1, "dead", failed.reason(), null);
              case DeliveryOutcome.RetryLater retry -> reschedule(connection, job, now, retry);
            });
  }

  private static boolean finish(
      Connection connection,
      DeliveryJob job,
      Instant now,
      int attemptsUsed,
      String state,
      String reason,
      String unmappedJson)
      throws SQLException {
    try (PreparedStatement finish = connection.prepareStatement(FINISH_JOB)) {
      Jdbc.setInstant(finish, 1, now);
      finish.setInt(2, attemptsUsed);
      finish.setString(3, state);
      finish.setString(4, PersistenceJson.clean(reason));
      finish.setString(5, unmappedJson);
      finish.setLong(6, job.id().value());
      finish.setString(7, job.claimedBy());
      return setMessage(connection, finish, unmappedJson, now);
    }
  }

  private static boolean reschedule(
      Connection connection, DeliveryJob job, Instant now, DeliveryOutcome.RetryLater retry)
      throws SQLException {
    try (PreparedStatement reschedule = connection.prepareStatement(RESCHEDULE_JOB)) {
      Jdbc.setInstant(reschedule, 1, retry.notBefore());
      reschedule.setInt(2, retry.cause().usesAttempt() ? 1 : 0);
      reschedule.setString(3, PersistenceJson.clean("retrying: " + retry.reason()));
      reschedule.setLong(4, job.id().value());
      reschedule.setString(5, job.claimedBy());
      return setMessage(connection, reschedule, null, now);
    }
  }

  /**
   * Runs the job update; when it matched (the lease was still ours), sets the message's state to the summary of its
   * deliveries.
   */
  private static boolean setMessage(
      Connection connection, PreparedStatement jobUpdate, String unmappedJson, Instant now)
      throws SQLException {
    long messageRef;
    try (ResultSet updated = jobUpdate.executeQuery()) {
      if (!updated.next()) {
        return false;
      }
      messageRef = updated.getLong("message_ref");
    }
    sumUp(connection, messageRef, unmappedJson, now);
    return true;
  }

  /** Sets the message's state and reason to the summary of its deliveries. */
  static void sumUp(Connection connection, long messageRef, String unmappedJson, Instant now)
      throws SQLException {
    DeliverySummary summary = DeliverySummary.of(deliveriesOf(connection, messageRef));
    try (PreparedStatement message = connection.prepareStatement(SET_MESSAGE)) {
      message.setString(1, summary.state().wire());
      message.setString(2, summary.reason().orElse(null));
      message.setString(3, unmappedJson);
      Jdbc.setInstant(message, 4, now);
      message.setLong(5, messageRef);
      message.executeUpdate();
    }
  }

  /** The deliveries of the message stored as {@code messageRef}, in the order their jobs were made. */
  static List<DestinationDelivery> deliveriesOf(Connection connection, long messageRef)
      throws SQLException {
    List<DestinationDelivery> deliveries = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(DELIVERIES_OF_MESSAGE)) {
      select.setLong(1, messageRef);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String outcome = rows.getString("outcome");
          deliveries.add(
              new DestinationDelivery(
                  new DestinationId(rows.getString("destination")),
                  "pending".equals(rows.getString("status")) || outcome == null
                      ? DestinationDelivery.Status.PENDING
                      : DestinationDelivery.Status.parse(outcome),
                  Optional.ofNullable(rows.getString("reason")),
                  rows.getInt("attempts"),
                  Optional.ofNullable((Long) rows.getObject("replay_id", Long.class))));
        }
      }
    }
    return deliveries;
  }

  private static final String RENEW =
      """
      UPDATE delivery_jobs SET lease_expires_at = ?
      WHERE id = ANY (?) AND status = 'pending' AND lease_owner = ?
      RETURNING id
      """;

  @Override
  public List<DeliveryJob> renew(List<DeliveryJob> jobs, Duration lease) {
    if (jobs.isEmpty()) {
      return List.of();
    }
    Instant until = clock.instant().plus(lease);
    Set<Long> held = new HashSet<>();
    Map<String, List<DeliveryJob>> byClaimant =
        jobs.stream().collect(Collectors.groupingBy(DeliveryJob::claimedBy));
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          for (Map.Entry<String, List<DeliveryJob>> claimant : byClaimant.entrySet()) {
            try (PreparedStatement renew = connection.prepareStatement(RENEW)) {
              Jdbc.setInstant(renew, 1, until);
              renew.setArray(
                  2,
                  connection.createArrayOf(
                      "bigint", claimant.getValue().stream().map(j -> j.id().value()).toArray()));
              renew.setString(3, claimant.getKey());
              try (ResultSet rows = renew.executeQuery()) {
                while (rows.next()) {
                  held.add(rows.getLong(1));
                }
              }
            }
          }
          return held.size();
        });
    return jobs.stream().filter(j -> held.contains(j.id().value())).toList();
  }

  /** A job starts only while it is still the claimant's and not held back by an erasure (due at infinity). */
  private static final String START =
      """
      UPDATE delivery_jobs SET lease_expires_at = ?, started_at = ?
      WHERE id = ANY (?) AND status = 'pending' AND lease_owner = ? AND due_at < 'infinity'
      RETURNING id
      """;

  /** A job held back by an erasure after its claim is given back unstarted, so the erasure need not wait for it. */
  private static final String GIVE_BACK_HELD =
      """
      WITH given AS (
        UPDATE delivery_jobs SET lease_owner = NULL, lease_expires_at = NULL, started_at = NULL
        WHERE id = ANY (?) AND status = 'pending' AND lease_owner = ? AND due_at = 'infinity'
        RETURNING message_ref)
      UPDATE messages m SET state = 'accepted', updated_at = ? FROM given g
      WHERE m.id = g.message_ref AND m.state = 'delivering'
      """;

  @Override
  public List<DeliveryJob> start(List<DeliveryJob> jobs, Duration lease) {
    if (jobs.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    Set<Long> started = new HashSet<>();
    Map<String, List<DeliveryJob>> byClaimant =
        jobs.stream().collect(Collectors.groupingBy(DeliveryJob::claimedBy));
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          for (Map.Entry<String, List<DeliveryJob>> claimant : byClaimant.entrySet()) {
            Array ids =
                connection.createArrayOf(
                    "bigint", claimant.getValue().stream().map(j -> j.id().value()).toArray());
            try (PreparedStatement start = connection.prepareStatement(START)) {
              Jdbc.setInstant(start, 1, now.plus(lease));
              Jdbc.setInstant(start, 2, now);
              start.setArray(3, ids);
              start.setString(4, claimant.getKey());
              try (ResultSet rows = start.executeQuery()) {
                while (rows.next()) {
                  started.add(rows.getLong(1));
                }
              }
            }
            if (started.size() < jobs.size()) {
              try (PreparedStatement giveBack = connection.prepareStatement(GIVE_BACK_HELD)) {
                giveBack.setArray(1, ids);
                giveBack.setString(2, claimant.getKey());
                Jdbc.setInstant(giveBack, 3, now);
                giveBack.executeUpdate();
              }
            }
          }
          return started.size();
        });
    return jobs.stream().filter(j -> started.contains(j.id().value())).toList();
  }

  private static final String RELEASE =
      """
      WITH released AS (
        UPDATE delivery_jobs SET lease_owner = NULL, lease_expires_at = NULL, started_at = NULL
        WHERE id = ? AND status = 'pending' AND lease_owner = ?
        RETURNING message_ref)
      UPDATE messages m SET state = 'accepted', updated_at = ? FROM released r
      WHERE m.id = r.message_ref AND m.state = 'delivering'
      """;

  @Override
  public void release(DeliveryJob job) {
    Instant now = clock.instant();
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement release = connection.prepareStatement(RELEASE)) {
            release.setLong(1, job.id().value());
            release.setString(2, job.claimedBy());
            Jdbc.setInstant(release, 3, now);
            return release.executeUpdate();
          }
        });
  }

  private static final String END_DELIVERIES =
      """
      UPDATE delivery_jobs SET status = 'finished', outcome = 'ended', reason = ?, finished_at = ?,
                               lease_owner = NULL, lease_expires_at = NULL, started_at = NULL
      WHERE status = 'pending' AND destination = ?
      RETURNING message_ref
      """;
  private static final String UNFINISHED_DESTINATIONS =
      "SELECT DISTINCT destination FROM delivery_jobs WHERE status = 'pending' AND destination <> ALL (?)";

  @Override
  public Map<DestinationId, Integer> endDeliveriesExcept(Set<DestinationId> delivering) {
    Instant now = clock.instant();
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          List<DestinationId> gone = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(UNFINISHED_DESTINATIONS)) {
            select.setArray(
                1,
                connection.createArrayOf(
                    "text", delivering.stream().map(DestinationId::value).toArray()));
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                gone.add(new DestinationId(rows.getString(1)));
              }
            }
          }
          Map<DestinationId, Integer> ended = new java.util.LinkedHashMap<>();
          for (DestinationId destination : gone) {
            List<Long> messages = new ArrayList<>();
            try (PreparedStatement end = connection.prepareStatement(END_DELIVERIES)) {
              end.setString(1, DestinationDelivery.endedReason(destination));
              Jdbc.setInstant(end, 2, now);
              end.setString(3, destination.value());
              try (ResultSet rows = end.executeQuery()) {
                while (rows.next()) {
                  messages.add(rows.getLong(1));
                }
              }
            }
            for (long message : messages) {
              sumUp(connection, message, null, now);
            }
            ended.put(destination, messages.size());
          }
          return ended;
        });
  }

  @Override
  public long pending() {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement count =
                  connection.prepareStatement(
                      "SELECT count(*) FROM delivery_jobs WHERE status = 'pending'");
              ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
          }
        });
  }

  @Override
  public int reviveWaitingForEmail(Set<String> personIds, Instant since) {
    if (personIds.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          Array ids =
              connection.createArrayOf(
                  "text", personIds.stream().map(PersistenceJson::clean).toArray());
          try (PreparedStatement revive = connection.prepareStatement(REVIVE)) {
            Jdbc.setInstant(revive, 1, now);
            revive.setString(2, DeliveryOutcome.Skipped.NO_EMAIL);
            Jdbc.setInstant(revive, 3, since);
            revive.setArray(4, ids);
            revive.setArray(5, ids);
            Jdbc.setInstant(revive, 6, now);
            Jdbc.setInstant(revive, 7, now);
            revive.setString(8, DeliveryOutcome.Skipped.NO_EMAIL);
            return revive.executeUpdate();
          }
        });
  }

  @Override
  public boolean replay(MessageKey key) {
    Instant now = clock.instant();
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          long messageRef;
          try (PreparedStatement message = connection.prepareStatement(REPLAY_MESSAGE)) {
            Jdbc.setInstant(message, 1, now);
            message.setString(2, PersistenceJson.clean(key.source().value()));
            message.setString(3, PersistenceJson.clean(key.messageId().value()));
            message.setString(4, DeliveryOutcome.Skipped.NO_EMAIL);
            try (ResultSet replayed = message.executeQuery()) {
              if (!replayed.next()) {
                return false;
              }
              messageRef = replayed.getLong("id");
            }
          }
          try (PreparedStatement job = connection.prepareStatement(REPLAY_JOB)) {
            Jdbc.setInstant(job, 1, now);
            Jdbc.setInstant(job, 2, now);
            job.setLong(3, messageRef);
            job.setString(4, DeliveryOutcome.Skipped.NO_EMAIL);
            job.executeUpdate();
          }
          return true;
        });
  }
}
