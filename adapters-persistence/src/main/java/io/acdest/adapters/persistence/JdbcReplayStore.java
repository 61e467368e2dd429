package io.acdest.adapters.persistence;

import io.acdest.domain.call.CallType;
import io.acdest.domain.delivery.DestinationDelivery;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.out.ReplayStore;
import io.acdest.domain.port.out.Suppressions;
import io.acdest.domain.replay.Replay;
import io.acdest.domain.replay.ReplayPlan;
import io.acdest.domain.replay.ReplayRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Replays in PostgreSQL (decision 0030). A replay's row holds its request (with the sources that fed its destination
 * when it was made) and its cursor: the id of the last message it has considered. A step locks the row ({@code SKIP
 * LOCKED}: another instance stepping it is left alone), reads the next messages it covers with their delivery to its
 * destination, queues the deliveries it may send (a finished job is put back, keeping the outcome it replaced; a
 * message never routed there gets a job whose {@code seq} keeps its place in its user's order) and moves the cursor,
 * in one transaction.
 */
final class JdbcReplayStore implements ReplayStore {
  private static final String COLUMNS =
      """
      SELECT r.id, r.destination, r.request::text AS request, r.state, r.total, r.considered, r.created_at,
             r.updated_at, r.finished_at,
             (SELECT count(*) FROM delivery_jobs j WHERE j.replay_id = r.id) AS queued,
             (SELECT count(*) FROM delivery_jobs j WHERE j.replay_id = r.id AND j.status = 'pending') AS pending
      FROM replays r
      """;
  private static final String CREATE =
      """
      INSERT INTO replays (destination, request, state, total, first_ref, cursor_ref, last_ref, created_at, updated_at)
      VALUES (?, ?::jsonb, 'running', ?,
              (SELECT coalesce(min(id), 1) - 1 FROM messages WHERE received_at >= ? AND received_at < ?),
              (SELECT coalesce(min(id), 1) - 1 FROM messages WHERE received_at >= ? AND received_at < ?),
              (SELECT coalesce(max(id), 0) FROM messages WHERE received_at >= ? AND received_at < ?), ?, ?)
      RETURNING id
      """;
  private static final String LOCK =
      """
      SELECT destination, request::text AS request, first_ref, cursor_ref, last_ref FROM replays
      WHERE id = ? AND state = 'running' FOR UPDATE SKIP LOCKED
      """;
  private static final String PENDING =
      "SELECT count(*) FROM delivery_jobs WHERE replay_id = ? AND status = 'pending'";

  /** A replayed delivery that a live call of the same person waits behind goes first: the live call has priority. */
  private static final String PROMOTE =
      """
      UPDATE delivery_jobs r SET priority = 0
      WHERE r.replay_id = ? AND r.status = 'pending' AND r.priority = 1
        AND EXISTS (SELECT 1 FROM delivery_jobs l
                    WHERE l.queue_key = r.queue_key AND l.status = 'pending' AND l.replay_id IS NULL)
      """;

  private static final String QUEUE =
      """
      INSERT INTO delivery_jobs (message_ref, ordering_key, lane, destination, status, due_at, accepted_at, replay_id,
                                 priority, seq, reason)
      VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, 1, (SELECT min(o.id) FROM delivery_jobs o WHERE o.message_ref = ?), ?)
      ON CONFLICT (message_ref, destination) DO UPDATE
        SET status = 'pending', due_at = EXCLUDED.due_at, accepted_at = EXCLUDED.accepted_at, attempts = 0,
            finished_at = NULL, lease_owner = NULL, lease_expires_at = NULL, started_at = NULL,
            prior_outcome = delivery_jobs.outcome, prior_reason = delivery_jobs.reason, outcome = NULL,
            reason = EXCLUDED.reason, replay_id = EXCLUDED.replay_id, priority = 1
        WHERE delivery_jobs.status = 'finished'
      """;
  private static final String MOVE =
      "UPDATE replays SET cursor_ref = ?, considered = considered + ?, updated_at = ? WHERE id = ?";
  private static final String FINISH =
      """
      UPDATE replays SET state = ?, finished_at = ?, updated_at = ?,
                         request = request - 'people' || jsonb_build_object('peopleNamed', jsonb_array_length(
                                     coalesce(request->'people', '[]'::jsonb)))
      WHERE id = ?
      """;

  /** Deliveries a replay made for messages never routed there, and that made no request yet: taken away. */
  private static final String TAKE_BACK_NEW =
      """
      DELETE FROM delivery_jobs j
      WHERE j.replay_id = ? AND j.status = 'pending' AND j.started_at IS NULL AND j.prior_outcome IS NULL
        AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.job_id = j.id)
      RETURNING j.message_ref
      """;

  /** The others it has not started: finished as they were before (or ended, when it had made requests). */
  private static final String GIVE_BACK =
      """
      UPDATE delivery_jobs SET status = 'finished', finished_at = ?, lease_owner = NULL, lease_expires_at = NULL,
                               outcome = coalesce(prior_outcome, 'ended'), reason = coalesce(prior_reason, ?),
                               priority = 0, replay_id = CASE WHEN prior_outcome IS NULL THEN replay_id END
      WHERE replay_id = ? AND status = 'pending' AND started_at IS NULL
      RETURNING message_ref
      """;

  private final DataSource dataSource;
  private final PersistenceJson json;

  JdbcReplayStore(DataSource dataSource, PersistenceJson json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  @Override
  public List<ReplayPlan.Count> coverage(ReplayRequest request, Optional<Set<SourceId>> fedBy) {
    Covered covered = new Covered(request, fedBy);
    String sql =
        "SELECT m.type, d.status, d.outcome, count(*) AS calls "
            + covered.from()
            + " GROUP BY m.type, d.status, d.outcome";
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          List<ReplayPlan.Count> counts = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            covered.bind(connection, select, 1);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                counts.add(
                    new ReplayPlan.Count(
                        CallType.parse(rows.getString("type")),
                        delivery(rows.getString("status"), rows.getString("outcome")),
                        rows.getLong("calls")));
              }
            }
          }
          return counts;
        });
  }

  @Override
  public Replay create(
      ReplayRequest request, Optional<Set<SourceId>> fedBy, long total, Instant now) {
    long id =
        Jdbc.inTransaction(
            dataSource,
            connection -> {
              try (PreparedStatement insert = connection.prepareStatement(CREATE)) {
                insert.setString(1, request.destination().value());
                insert.setString(2, json.write(stored(request, fedBy)));
                insert.setLong(3, total);
                for (int i = 4; i <= 8; i += 2) {
                  Jdbc.setInstant(insert, i, request.from());
                  Jdbc.setInstant(insert, i + 1, request.to());
                }
                Jdbc.setInstant(insert, 10, now);
                Jdbc.setInstant(insert, 11, now);
                try (ResultSet row = insert.executeQuery()) {
                  row.next();
                  return row.getLong(1);
                }
              }
            });
    return find(id).orElseThrow();
  }

  @Override
  public Optional<Replay> find(long id) {
    return query(COLUMNS + " WHERE r.id = ?", id).stream().findFirst();
  }

  @Override
  public List<Replay> list(int limit) {
    return query(COLUMNS + " ORDER BY r.id DESC LIMIT ?", limit);
  }

  @Override
  public List<Long> running() {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          List<Long> ids = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT id FROM replays WHERE state = 'running' ORDER BY id");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              ids.add(rows.getLong(1));
            }
          }
          return ids;
        });
  }

  @Override
  public Step step(
      long id,
      int chunk,
      int window,
      Function<List<Candidate>, List<Optional<Queued>>> decide,
      Instant now) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          Stored replay;
          try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setLong(1, id);
            try (ResultSet row = lock.executeQuery()) {
              if (!row.next()) {
                return Step.WAITING;
              }
              replay = stored(id, row);
            }
          }
          try (PreparedStatement promote = connection.prepareStatement(PROMOTE)) {
            promote.setLong(1, id);
            promote.executeUpdate();
          }
          long pending = count(connection, PENDING, id);
          if (pending >= window) {
            return Step.WAITING;
          }
          if (replay.cursor() >= replay.last()) {
            if (pending > 0) {
              return Step.WAITING;
            }
            finish(connection, id, Replay.State.DONE, now);
            return Step.IDLE;
          }
          List<Row> rows = next(connection, replay, chunk);
          if (rows.isEmpty()) {
            move(connection, id, replay.last(), 0, now);
            return Step.PASSED;
          }
          List<Optional<Queued>> decisions =
              decide.apply(rows.stream().map(Row::candidate).toList());
          int queued = queue(connection, id, replay.destination(), rows, decisions, now);
          move(connection, id, rows.getLast().ref(), rows.size(), now);
          return queued > 0 ? Step.QUEUED : Step.PASSED;
        });
  }

  @Override
  public Optional<Replay> change(long id, Replay.State to, Instant now) {
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          Replay.State from;
          Stored replay;
          try (PreparedStatement lock =
              connection.prepareStatement(
                  "SELECT state, destination, request::text AS request, first_ref, cursor_ref, last_ref"
                      + " FROM replays WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, id);
            try (ResultSet row = lock.executeQuery()) {
              if (!row.next()) {
                return null;
              }
              from = Replay.State.parse(row.getString("state"));
              replay = stored(id, row);
            }
          }
          boolean allowed =
              switch (to) {
                case PAUSED -> from == Replay.State.RUNNING;
                case RUNNING -> from == Replay.State.PAUSED;
                case CANCELLED -> from.unfinished();
                case DONE -> false;
              };
          if (!allowed) {
            return null;
          }
          List<Long> givenBack = giveBack(connection, id, now);
          if (to == Replay.State.CANCELLED) {
            finish(connection, id, to, now);
            return null;
          }
          long cursor = replay.cursor();
          if (!givenBack.isEmpty()) {
            cursor =
                Math.min(
                    cursor, givenBack.stream().mapToLong(Long::longValue).min().orElseThrow() - 1);
          }
          Covered covered = covered(replay);
          long considered;
          try (PreparedStatement count =
              connection.prepareStatement(
                  "SELECT count(*) " + covered.from() + " AND m.id > ? AND m.id <= ?")) {
            int next = covered.bind(connection, count, 1);
            count.setLong(next, replay.first());
            count.setLong(next + 1, cursor);
            try (ResultSet row = count.executeQuery()) {
              row.next();
              considered = row.getLong(1);
            }
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE replays SET state = ?, cursor_ref = ?, considered = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, to.wire());
            update.setLong(2, cursor);
            update.setLong(3, considered);
            Jdbc.setInstant(update, 4, now);
            update.setLong(5, id);
            update.executeUpdate();
          }
          return null;
        });
    return find(id);
  }

  /** Gives back what the replay queued and has not started; the messages it touched, by id. */
  private List<Long> giveBack(Connection connection, long id, Instant now) throws SQLException {
    Set<Long> messages = new LinkedHashSet<>();
    try (PreparedStatement delete = connection.prepareStatement(TAKE_BACK_NEW)) {
      delete.setLong(1, id);
      try (ResultSet rows = delete.executeQuery()) {
        while (rows.next()) {
          messages.add(rows.getLong(1));
        }
      }
    }
    try (PreparedStatement restore = connection.prepareStatement(GIVE_BACK)) {
      Jdbc.setInstant(restore, 1, now);
      restore.setString(2, "replay " + id + " was stopped after this delivery had made requests");
      restore.setLong(3, id);
      try (ResultSet rows = restore.executeQuery()) {
        while (rows.next()) {
          messages.add(rows.getLong(1));
        }
      }
    }
    for (long message : messages) {
      JdbcDeliveryQueue.sumUp(connection, message, null, now);
    }
    return List.copyOf(messages);
  }

  private static void finish(Connection connection, long id, Replay.State state, Instant now)
      throws SQLException {
    try (PreparedStatement finish = connection.prepareStatement(FINISH)) {
      finish.setString(1, state.wire());
      Jdbc.setInstant(finish, 2, now);
      Jdbc.setInstant(finish, 3, now);
      finish.setLong(4, id);
      finish.executeUpdate();
    }
  }

  private static void move(Connection connection, long id, long cursor, int considered, Instant now)
      throws SQLException {
    try (PreparedStatement move = connection.prepareStatement(MOVE)) {
      move.setLong(1, cursor);
      move.setInt(2, considered);
      Jdbc.setInstant(move, 3, now);
      move.setLong(4, id);
      move.executeUpdate();
    }
  }

  /**
   * The next covered messages after the cursor: {@code chunk} of them, and the rest of the request the last one came
   * in (same arrival time), so that one request's calls are queued together and keep their order.
   */
  private List<Row> next(Connection connection, Stored replay, int chunk) throws SQLException {
    Covered covered = covered(replay);
    String select =
        "SELECT m.id, m.source, m.message_id, m.type, m.payload::text AS payload, m.received_at, m.limits,"
            + " d.status, d.outcome, d.replay_id "
            + covered.from();
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement first =
        connection.prepareStatement(select + " AND m.id > ? AND m.id <= ? ORDER BY m.id LIMIT ?")) {
      int next = covered.bind(connection, first, 1);
      first.setLong(next, replay.cursor());
      first.setLong(next + 1, replay.last());
      first.setInt(next + 2, chunk);
      read(first, rows, replay.id());
    }
    if (rows.size() == chunk) {
      try (PreparedStatement rest =
          connection.prepareStatement(
              select + " AND m.id > ? AND m.id <= ? AND m.received_at = ? ORDER BY m.id")) {
        int next = covered.bind(connection, rest, 1);
        rest.setLong(next, rows.getLast().ref());
        rest.setLong(next + 1, replay.last());
        Jdbc.setInstant(rest, next + 2, rows.getLast().candidate().call().receivedAt());
        read(rest, rows, replay.id());
      }
    }
    return rows;
  }

  private void read(PreparedStatement select, List<Row> rows, long replay) throws SQLException {
    try (ResultSet found = select.executeQuery()) {
      while (found.next()) {
        long replayedBy = found.getLong("replay_id");
        boolean byThis = !found.wasNull() && replayedBy == replay;
        rows.add(
            new Row(
                found.getLong("id"),
                new Candidate(
                    JdbcDeliveryQueue.call(found, json),
                    CallType.parse(found.getString("type")),
                    delivery(found.getString("status"), found.getString("outcome")),
                    byThis)));
      }
    }
  }

  private static int queue(
      Connection connection,
      long id,
      DestinationId destination,
      List<Row> rows,
      List<Optional<Queued>> decisions,
      Instant now)
      throws SQLException {
    List<Long> queued = new ArrayList<>();
    try (PreparedStatement insert = connection.prepareStatement(QUEUE)) {
      for (int i = 0; i < rows.size(); i++) {
        Optional<Queued> decision = decisions.get(i);
        if (decision.isEmpty()) {
          continue;
        }
        long ref = rows.get(i).ref();
        insert.setLong(1, ref);
        insert.setString(2, decision.get().orderingKey().value());
        insert.setString(3, decision.get().lane().wire());
        insert.setString(4, destination.value());
        Jdbc.setInstant(insert, 5, now);
        Jdbc.setInstant(insert, 6, now);
        insert.setLong(7, id);
        insert.setLong(8, ref);
        insert.setString(9, "replay " + id);
        insert.addBatch();
        queued.add(ref);
      }
      if (queued.isEmpty()) {
        return 0;
      }
      insert.executeBatch();
    }
    for (long message : queued) {
      JdbcDeliveryQueue.sumUp(connection, message, null, now);
    }
    return queued.size();
  }

  private static long count(Connection connection, String sql, long id) throws SQLException {
    try (PreparedStatement count = connection.prepareStatement(sql)) {
      count.setLong(1, id);
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private List<Replay> query(String sql, long parameter) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          List<Replay> replays = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                replays.add(replay(rows));
              }
            }
          }
          return replays;
        });
  }

  private Replay replay(ResultSet row) throws SQLException {
    long considered = row.getLong("considered");
    long queued = row.getLong("queued");
    Instant finished =
        row.getTimestamp("finished_at") == null ? null : Jdbc.getInstant(row, "finished_at");
    return new Replay(
        row.getLong("id"),
        request(row.getString("destination"), row.getString("request")),
        Replay.State.parse(row.getString("state")),
        row.getLong("total"),
        considered,
        queued,
        Math.max(0, considered - queued),
        row.getLong("pending"),
        Jdbc.getInstant(row, "created_at"),
        Jdbc.getInstant(row, "updated_at"),
        Optional.ofNullable(finished));
  }

  private static Stored stored(long id, ResultSet row) throws SQLException {
    return new Stored(
        id,
        new DestinationId(row.getString("destination")),
        row.getString("request"),
        row.getLong("first_ref"),
        row.getLong("cursor_ref"),
        row.getLong("last_ref"));
  }

  /** The request as kept in the row: what the operator asked, and the sources that fed the destination. */
  private static Map<String, Object> stored(ReplayRequest request, Optional<Set<SourceId>> fedBy) {
    Map<String, Object> kept = new LinkedHashMap<>();
    kept.put("from", request.from().toString());
    kept.put("to", request.to().toString());
    kept.put("types", request.types().stream().map(CallType::wire).sorted().toList());
    kept.put("sources", request.sources().stream().map(SourceId::value).sorted().toList());
    kept.put(
        "fedBy",
        fedBy.map(set -> set.stream().map(SourceId::value).sorted().toList()).orElse(null));
    kept.put("people", request.people().stream().sorted().toList());
    kept.put(
        "states", request.states().stream().map(ReplayRequest.Standing::wire).sorted().toList());
    kept.put("reason", request.reason().orElse(null));
    kept.put("resendDelivered", request.resendDelivered());
    return kept;
  }

  @SuppressWarnings("unchecked")
  private ReplayRequest request(String destination, String stored) {
    Map<String, Object> kept = json.readObject(stored);
    return new ReplayRequest(
        new DestinationId(destination),
        Instant.parse((String) kept.get("from")),
        Instant.parse((String) kept.get("to")),
        ((List<String>) kept.get("types"))
            .stream().map(CallType::parse).collect(Collectors.toSet()),
        ((List<String>) kept.get("sources"))
            .stream().map(SourceId::new).collect(Collectors.toSet()),
        Set.copyOf((List<String>) kept.getOrDefault("people", List.of())),
        ((List<String>) kept.get("states"))
            .stream().map(ReplayRequest.Standing::parse).collect(Collectors.toSet()),
        Optional.ofNullable((String) kept.get("reason")),
        Boolean.TRUE.equals(kept.get("resendDelivered")));
  }

  @SuppressWarnings("unchecked")
  private Optional<Set<SourceId>> fedBy(String stored) {
    Object fed = json.readObject(stored).get("fedBy");
    return fed == null
        ? Optional.empty()
        : Optional.of(((List<String>) fed).stream().map(SourceId::new).collect(Collectors.toSet()));
  }

  private static Optional<DestinationDelivery.Status> delivery(String status, String outcome) {
    if (status == null) {
      return Optional.empty();
    }
    if ("pending".equals(status) || outcome == null) {
      return Optional.of(DestinationDelivery.Status.PENDING);
    }
    return Optional.of(DestinationDelivery.Status.parse(outcome));
  }

  /** A replay's row as a step reads it. */
  private record Stored(
      long id, DestinationId destination, String request, long first, long cursor, long last) {}

  /** A covered message: its id and what the replay's rule looks at. */
  private record Row(long ref, Candidate candidate) {}

  /**
   * The messages a request covers, as SQL: accepted in its range, of its types, from the sources that feed its
   * destination, naming its people, standing as it asks for its destination; never those rejected, ignored, or kept
   * out for a suppressed person.
   */
  private final class Covered {
    private final ReplayRequest request;
    private final Optional<Set<SourceId>> fedBy;

    Covered(ReplayRequest request, Optional<Set<SourceId>> fedBy) {
      this.request = request;
      this.fedBy = fedBy;
    }

    String from() {
      StringBuilder sql =
          new StringBuilder(
              """
              FROM messages m LEFT JOIN delivery_jobs d ON d.message_ref = m.id AND d.destination = ?
              WHERE m.received_at >= ? AND m.received_at < ? AND m.type = ANY (?)
                AND m.state NOT IN ('rejected', 'ignored') AND m.reason IS DISTINCT FROM ?
              """);
      if (fedBy.isPresent()) {
        sql.append(" AND m.source = ANY (?)");
      }
      if (!request.people().isEmpty()) {
        sql.append(
            " AND (m.payload->>'userId' = ANY (?) OR lower(m.payload->'traits'->>'email') = ANY (?)"
                + " OR lower(m.payload->'properties'->>'email') = ANY (?)"
                + " OR lower(m.payload->'context'->'traits'->>'email') = ANY (?))");
      }
      if (request.reason().isPresent()) {
        sql.append(" AND d.reason ILIKE ? ESCAPE '\\'");
      }
      if (request.states().size() < ReplayRequest.Standing.values().length) {
        sql.append(" AND (")
            .append(
                request.states().stream()
                    .sorted()
                    .map(Covered::standing)
                    .collect(Collectors.joining(" OR ")))
            .append(")");
      }
      return sql.toString();
    }

    /** Binds the parameters of {@link #from()} from {@code index}; the index after them. */
    int bind(Connection connection, PreparedStatement statement, int index) throws SQLException {
      int i = index;
      statement.setString(i++, request.destination().value());
      Jdbc.setInstant(statement, i++, request.from());
      Jdbc.setInstant(statement, i++, request.to());
      statement.setArray(
          i++,
          connection.createArrayOf("text", request.types().stream().map(CallType::wire).toArray()));
      statement.setString(i++, Suppressions.KEPT_OUT);
      if (fedBy.isPresent()) {
        statement.setArray(
            i++,
            connection.createArrayOf("text", fedBy.get().stream().map(SourceId::value).toArray()));
      }
      if (!request.people().isEmpty()) {
        Object[] ids = request.people().toArray();
        Object[] emails = request.people().stream().map(p -> p.toLowerCase(Locale.ROOT)).toArray();
        statement.setArray(i++, connection.createArrayOf("text", ids));
        for (int e = 0; e < 3; e++) {
          statement.setArray(i++, connection.createArrayOf("text", emails));
        }
      }
      if (request.reason().isPresent()) {
        String word =
            request.reason().get().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        statement.setString(i++, "%" + word + "%");
      }
      return i;
    }

    private static String standing(ReplayRequest.Standing standing) {
      return switch (standing) {
        case NEVER -> "d.id IS NULL";
        case DELIVERED -> "(d.status = 'finished' AND d.outcome = 'delivered')";
        case UNMAPPED -> "(d.status = 'finished' AND d.unmapped <> '[]'::jsonb)";
        case SKIPPED -> "(d.status = 'finished' AND d.outcome = 'skipped')";
        case DEAD -> "(d.status = 'finished' AND d.outcome = 'dead')";
        case ENDED -> "(d.status = 'finished' AND d.outcome = 'ended')";
      };
    }
  }

  /** The covered messages of a stored replay. */
  private Covered covered(Stored replay) {
    return new Covered(
        request(replay.destination().value(), replay.request()), fedBy(replay.request()));
  }
}
