package io.acdest.adapters.persistence;

import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.DestinationActivity;
import io.acdest.domain.port.out.MessageSearch;
import io.acdest.domain.port.out.MessageSummary;
import io.acdest.domain.port.out.OperationsReadModel;
import io.acdest.domain.report.FailureReason;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What operators read, in PostgreSQL. A search by email finds the calls that carry the email (in {@code traits},
 * {@code properties} or {@code context.traits}) and the calls of every user and anonymous id the contact directory
 * knows for it, so a person's tracks are found by the email of their identify. Searches are bounded by the page. A
 * search by email gathers the ids of its messages from one index per place an email can be (and the directory's
 * identities through the userId and anonymousId indexes) before anything else, so its time does not grow with the
 * store: a single condition over all of them (an {@code OR} with the directory inside) read every message.
 */
final class JdbcOperationsReadModel implements OperationsReadModel {
  /**
   * A search by email, on its own so that the planner can turn it into a join: under an {@code OR} (as the other
   * conditions are written, {@code ? IS NULL OR ...}) it stays a filter tried on every message.
   */
  private static final String BY_EMAIL =
      """
        AND m.id IN (
               SELECT e.id FROM messages e WHERE acdest_email(e.payload->'traits'->>'email') = ?
               UNION ALL
               SELECT e.id FROM messages e WHERE acdest_email(e.payload->'properties'->>'email') = ?
               UNION ALL
               SELECT e.id FROM messages e WHERE acdest_email(e.payload->'context'->'traits'->>'email') = ?
               UNION ALL
               SELECT e.id FROM directory_identities d JOIN messages e
                 ON d.kind = 'user' AND acdest_id(e.payload->>'userId') = d.identity
               WHERE d.email = ?
               UNION ALL
               SELECT e.id FROM directory_identities d JOIN messages e
                 ON d.kind = 'anonymous' AND acdest_id(e.payload->>'anonymousId') = d.identity
               WHERE d.email = ?)
      """;

  private static final String MATCHING =
      """
      FROM messages m
      WHERE (?::text IS NULL OR m.message_id = ?)
        AND (?::text IS NULL OR acdest_id(m.payload->>'userId') = ?)
        {BY_EMAIL}
        AND (?::text IS NULL OR m.type = ?)
        AND (?::text IS NULL OR m.state = ?)
        AND (?::timestamptz IS NULL OR m.received_at >= ?)
        AND (?::timestamptz IS NULL OR m.received_at < ?)
        AND ((?::text IS NULL AND ?::text IS NULL)
             OR EXISTS (SELECT 1 FROM delivery_jobs j WHERE j.message_ref = m.id
                        AND (?::text IS NULL OR j.destination = ?)
                        AND (?::text IS NULL OR j.reason LIKE ?)))
      """;
  private static final String SEARCH =
      """
      SELECT m.source, m.message_id, m.type, m.state, m.reason, m.warnings::text AS warnings,
             m.unmapped::text AS unmapped, m.received_at, m.event_timestamp,
             m.payload->>'userId' AS user_id,
             coalesce(m.payload->'traits'->>'email', m.payload->'properties'->>'email',
                      m.payload->'context'->'traits'->>'email') AS email,
             coalesce(m.payload->>'event', m.payload->>'name') AS name
      """
          + MATCHING
          + " ORDER BY m.received_at DESC, m.id DESC OFFSET ? LIMIT ?";
  private static final String COUNT = "SELECT count(*) " + MATCHING;

  /** The statement for this search: {@code sql} with the email condition when it has an email. */
  private static String forSearch(String sql, MessageSearch search) {
    return sql.replace("{BY_EMAIL}", search.email().isPresent() ? BY_EMAIL : "");
  }

  private static final String DEAD =
      "SELECT m.source, m.message_id " + MATCHING + " AND m.state = 'dead' LIMIT ?";
  private static final String CALL =
      """
      SELECT source, type, payload::text AS payload, received_at, limits FROM messages
      WHERE source = ? AND message_id = ?
      """;
  private static final String COUNTS =
      """
      SELECT type, state, count(*) AS n FROM messages WHERE received_at >= ? GROUP BY type, state
      """;
  private static final String PER_MINUTE =
      """
      SELECT date_trunc('minute', updated_at) AS minute, count(*) FILTER (WHERE state = 'delivered') AS delivered,
             count(*) FILTER (WHERE state = 'dead') AS dead
      FROM messages WHERE updated_at >= ? AND state IN ('delivered', 'dead')
      GROUP BY 1 ORDER BY 1
      """;
  private static final String P95 =
      """
      SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM j.finished_at - j.accepted_at)) AS p95
      FROM delivery_jobs j JOIN messages m ON m.id = j.message_ref
      WHERE j.status = 'finished' AND j.finished_at >= ? AND m.state = 'delivered'
      """;
  private static final String QUEUE =
      """
      SELECT count(*) AS depth, min(due_at) AS oldest_due FROM delivery_jobs WHERE status = 'pending'
      """;
  private static final String PAUSES =
      "SELECT account, paused_until FROM rate_limits WHERE paused_until > ? ORDER BY account";

  private final DataSource dataSource;
  private final PersistenceJson json;
  private final JdbcDestinationActivity activity;

  public JdbcOperationsReadModel(DataSource dataSource, PersistenceJson json) {
    this.dataSource = dataSource;
    this.json = json;
    this.activity = new JdbcDestinationActivity(dataSource);
  }

  @Override
  public DestinationActivity activity(
      DestinationId destination, Instant from, Instant to, Duration bucket) {
    return activity.read(destination, from, to, bucket);
  }

  @Override
  public List<MessageSummary> search(MessageSearch search) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(forSearch(SEARCH, search))) {
            int next = bind(select, search);
            select.setInt(next, search.offset());
            select.setInt(next + 1, search.limit());
            List<MessageSummary> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                found.add(
                    new MessageSummary(
                        JdbcMessageLog.storedMessage(row, json),
                        Optional.ofNullable(row.getString("user_id")),
                        Optional.ofNullable(row.getString("email")),
                        Optional.ofNullable(row.getString("name"))));
              }
            }
            return found;
          }
        });
  }

  @Override
  public long count(MessageSearch search) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(forSearch(COUNT, search))) {
            bind(select, search);
            try (ResultSet row = select.executeQuery()) {
              row.next();
              return row.getLong(1);
            }
          }
        });
  }

  @Override
  public List<MessageKey> deadMatching(MessageSearch search, int max) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(forSearch(DEAD, search))) {
            select.setInt(bind(select, search), max);
            List<MessageKey> keys = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                keys.add(
                    new MessageKey(
                        new SourceId(row.getString("source")),
                        new MessageId(row.getString("message_id"))));
              }
            }
            return keys;
          }
        });
  }

  private static final String DESTINATION_COUNTS =
      """
      SELECT destination, count(*) FILTER (WHERE status = 'pending') AS pending,
             count(*) FILTER (WHERE outcome = 'delivered') AS delivered,
             count(*) FILTER (WHERE outcome = 'dead') AS dead
      FROM delivery_jobs WHERE status = 'pending' OR (status = 'finished' AND finished_at >= ?)
      GROUP BY destination
      """;

  @Override
  public Map<io.acdest.domain.delivery.DestinationId, DestinationCounts> destinationCounts(
      Instant since) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          Map<io.acdest.domain.delivery.DestinationId, DestinationCounts> counts =
              new java.util.LinkedHashMap<>();
          try (PreparedStatement select = connection.prepareStatement(DESTINATION_COUNTS)) {
            Jdbc.setInstant(select, 1, since);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                counts.put(
                    new io.acdest.domain.delivery.DestinationId(rows.getString("destination")),
                    new DestinationCounts(
                        rows.getLong("pending"), rows.getLong("delivered"), rows.getLong("dead")));
              }
            }
          }
          return counts;
        });
  }

  private static final String MESSAGE_REF =
      "SELECT id FROM messages WHERE source = ? AND message_id = ?";

  @Override
  public List<io.acdest.domain.delivery.DestinationDelivery> deliveries(MessageKey key) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(MESSAGE_REF)) {
            select.setString(1, PersistenceJson.clean(key.source().value()));
            select.setString(2, PersistenceJson.clean(key.messageId().value()));
            try (ResultSet row = select.executeQuery()) {
              return row.next()
                  ? JdbcDeliveryQueue.deliveriesOf(connection, row.getLong("id"))
                  : List.<io.acdest.domain.delivery.DestinationDelivery>of();
            }
          }
        });
  }

  @Override
  public Optional<ReceivedCall> call(MessageKey key) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(CALL)) {
            select.setString(1, key.source().value());
            select.setString(2, key.messageId().value());
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) {
                return Optional.<ReceivedCall>empty();
              }
              return Optional.of(
                  new ReceivedCall(
                      key.source(),
                      row.getString("type"),
                      CallFields.root(json.readObject(row.getString("payload"))),
                      Jdbc.getInstant(row, "received_at"),
                      io.acdest.domain.call.CallLimits.of(
                          java.util.Arrays.asList(row.getString("limits").split(",")))));
            }
          }
        });
  }

  @Override
  public Map<String, Map<String, Long>> countsByTypeAndState(Instant since) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(COUNTS)) {
            Jdbc.setInstant(select, 1, since);
            Map<String, Map<String, Long>> counts = new TreeMap<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                counts
                    .computeIfAbsent(row.getString("type"), t -> new TreeMap<>())
                    .put(row.getString("state"), row.getLong("n"));
              }
            }
            return counts;
          }
        });
  }

  @Override
  public List<DeliveryOverview.MinuteCounts> perMinute(Instant since) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(PER_MINUTE)) {
            Jdbc.setInstant(select, 1, since);
            List<DeliveryOverview.MinuteCounts> series = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                series.add(
                    new DeliveryOverview.MinuteCounts(
                        Jdbc.getInstant(row, "minute"),
                        row.getLong("delivered"),
                        row.getLong("dead")));
              }
            }
            return series;
          }
        });
  }

  @Override
  public Optional<Duration> p95AcceptToDelivered(Instant since) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(P95)) {
            Jdbc.setInstant(select, 1, since);
            try (ResultSet row = select.executeQuery()) {
              row.next();
              double seconds = row.getDouble("p95");
              return row.wasNull()
                  ? Optional.<Duration>empty()
                  : Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
            }
          }
        });
  }

  @Override
  public QueueState queue() {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(QUEUE);
              ResultSet row = select.executeQuery()) {
            row.next();
            return new QueueState(
                row.getLong("depth"), Optional.ofNullable(Jdbc.getInstant(row, "oldest_due")));
          }
        });
  }

  @Override
  public List<DeliveryOverview.Pause> budgetPauses(Instant now) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(PAUSES)) {
            Jdbc.setInstant(select, 1, now);
            List<DeliveryOverview.Pause> pauses = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                pauses.add(
                    DeliveryOverview.Pause.slowDown(
                        "requests of " + row.getString("account"),
                        Jdbc.getInstant(row, "paused_until")));
              }
            }
            return pauses;
          }
        });
  }

  /** Binds the search's conditions; returns the next parameter's index. */
  private static int bind(PreparedStatement statement, MessageSearch search) throws SQLException {
    int i = 1;
    i = twice(statement, i, search.messageId().orElse(null));
    i = twice(statement, i, search.userId().orElse(null));
    if (search.email().isPresent()) {
      for (int n = 0; n < 5; n++) {
        text(statement, i++, search.email().get());
      }
    }
    i = twice(statement, i, search.type().map(t -> t.wire()).orElse(null));
    i = twice(statement, i, search.state().map(s -> s.wire()).orElse(null));
    for (Optional<Instant> bound : List.of(search.from(), search.to())) {
      for (int n = 0; n < 2; n++) {
        if (bound.isPresent()) {
          Jdbc.setInstant(statement, i++, bound.get());
        } else {
          statement.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
        }
      }
    }
    String destination = search.destination().map(DestinationId::value).orElse(null);
    String reason = search.reason().map(FailureReason::likePattern).orElse(null);
    text(statement, i++, destination);
    text(statement, i++, reason);
    i = twice(statement, i, destination);
    i = twice(statement, i, reason);
    return i;
  }

  private static int twice(PreparedStatement statement, int i, String value) throws SQLException {
    text(statement, i, value);
    text(statement, i + 1, value);
    return i + 2;
  }

  private static void text(PreparedStatement statement, int i, String value) throws SQLException {
    if (value == null) {
      statement.setNull(i, Types.VARCHAR);
    } else {
      statement.setString(i, value);
    }
  }
}
