package io.acdest.adapters.persistence;

import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.NewMessage;
import io.acdest.domain.port.out.StoredMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message log in PostgreSQL. Messages go in with one multi-row insert, their delivery jobs with a second, in
 * one transaction; the unique key {@code (source, message_id)} makes duplicates exact, also between concurrent
 * requests. Group commit: requests that arrive while a transaction is running wait and go in together in the next
 * one (at most {@value #MAX_GROUP_MESSAGES} messages, at most {@value #MAX_CONCURRENT_COMMITS} transactions at
 * once), and each caller returns only after its own rows are committed, with its own outcomes.
 */
public final class JdbcMessageLog implements MessageLog {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcMessageLog.class);
  // Rows are inserted in key order, so that two requests sharing keys lock them in the same order
  // (no deadlock);
  // for one key the first of the request wins.
  private static final String INSERT_MESSAGES =
      """
      INSERT INTO messages (source, message_id, type, payload, received_at, event_timestamp, state, reason,
                            warnings, unmapped, limits, updated_at)
      SELECT s, mid, t, p::jsonb, r::timestamptz, e::timestamptz, st, re, w::jsonb, u::jsonb, li, ?
      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                  ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS x(s, mid, t, p, r, e, st, re, w, u, li, ord)
      ORDER BY s, mid, ord
      ON CONFLICT (source, message_id) DO NOTHING
      RETURNING id, source, message_id
      """;
  // Jobs are inserted in request order: job ids order one user's deliveries.
  private static final String INSERT_JOBS =
      """
      INSERT INTO delivery_jobs (message_ref, ordering_key, lane, destination, status, due_at, accepted_at)
      SELECT m, k, l, d, 'pending', ?, ?
      FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS x(m, k, l, d, ord)
      ORDER BY ord
      """;
  private static final String COLUMNS =
      """
      SELECT source, message_id, type, state, reason, warnings::text AS warnings, unmapped::text AS unmapped,
             received_at, event_timestamp
      FROM messages
      """;
  private static final String FIND = COLUMNS + " WHERE source = ? AND message_id = ?";
  private static final String FIND_ALL = COLUMNS + " WHERE message_id = ? ORDER BY id";
  private static final String LIST =
      COLUMNS + " WHERE state = ? ORDER BY updated_at DESC, id DESC LIMIT ?";

  static final int MAX_GROUP_MESSAGES = 5_000;
  static final int MAX_CONCURRENT_COMMITS = 2;

  private final DataSource dataSource;
  private final PersistenceJson json;
  private final Clock clock;
  private final Object group = new Object();
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private int committing;

  /** One caller's messages waiting for a transaction, and what became of them. */
  private static final class Pending {
    final List<NewMessage> messages;
    List<RecordOutcome> outcomes;
    RuntimeException failure;
    boolean done;

    Pending(List<NewMessage> messages) {
      this.messages = messages;
    }
  }

  public JdbcMessageLog(DataSource dataSource, PersistenceJson json, Clock clock) {
    this.dataSource = dataSource;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public List<RecordOutcome> record(List<NewMessage> messages) {
    if (messages.isEmpty()) {
      return List.of();
    }
    Pending mine = new Pending(messages);
    List<Pending> batch;
    synchronized (group) {
      waiting.addLast(mine);
      while (!mine.done && (committing >= MAX_CONCURRENT_COMMITS || waiting.peekFirst() != mine)) {
        waitForGroup();
      }
      if (mine.done) {
        return resultOf(mine);
      }
      committing++;
      batch = new ArrayList<>();
      int size = 0;
      while (!waiting.isEmpty()
          && (batch.isEmpty()
              || size + waiting.peekFirst().messages.size() <= MAX_GROUP_MESSAGES)) {
        Pending next = waiting.pollFirst();
        batch.add(next);
        size += next.messages.size();
      }
      group.notifyAll(); // the next in line may lead the next transaction
    }
    try {
      List<NewMessage> together = new ArrayList<>();
      batch.forEach(p -> together.addAll(p.messages));
      List<RecordOutcome> outcomes = recordTogether(together);
      int from = 0;
      for (Pending p : batch) {
        p.outcomes = List.copyOf(outcomes.subList(from, from + p.messages.size()));
        from += p.messages.size();
      }
    } catch (RuntimeException failed) {
      batch.forEach(p -> p.failure = failed);
    } finally {
      synchronized (group) {
        batch.forEach(p -> p.done = true);
        committing--;
        group.notifyAll();
      }
    }
    return resultOf(mine);
  }

  private void waitForGroup() {
    try {
      group.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to be stored", e);
    }
  }

  private static List<RecordOutcome> resultOf(Pending pending) {
    if (pending.failure != null) {
      throw pending.failure;
    }
    return pending.outcomes;
  }

  /**
   * One transaction for these messages, in order. When the database refuses a value (a data exception, not an
   * outage), the messages are bisected under savepoints until the refused ones stand alone: each of those is
   * stored as rejected ({@link RecordOutcome.Refused}) and the rest go in as usual, so one poison event costs its
   * request a few more statements, never the request or the requests grouped with it.
   */
  private List<RecordOutcome> recordTogether(List<NewMessage> messages) {
    List<MessageRow> rows = messages.stream().map(m -> MessageRow.from(m, json)).toList();
    Instant now = clock.instant();
    return Jdbc.inTransaction(dataSource, connection -> insertIsolating(connection, rows, now));
  }

  private List<RecordOutcome> insertIsolating(
      Connection connection, List<MessageRow> rows, Instant now) throws SQLException {
    Savepoint before = connection.setSavepoint();
    try {
      List<RecordOutcome> outcomes = insert(connection, rows, now);
      connection.releaseSavepoint(before);
      return outcomes;
    } catch (SQLException refused) {
      if (!StoreRefusal.isTheDatasFault(refused)) {
        throw refused;
      }
      connection.rollback(before);
      if (rows.size() == 1) {
        return List.of(storeRefused(connection, rows.get(0), refused, now));
      }
      List<RecordOutcome> outcomes =
          new ArrayList<>(insertIsolating(connection, rows.subList(0, rows.size() / 2), now));
      outcomes.addAll(insertIsolating(connection, rows.subList(rows.size() / 2, rows.size()), now));
      return outcomes;
    }
  }

  /** Stores a message the database refused as rejected, with a payload it can hold, and says why. */
  private RecordOutcome storeRefused(
      Connection connection, MessageRow row, SQLException refused, Instant now)
      throws SQLException {
    String reason = StoreRefusal.reason(refused);
    LOG.warn(
        "message {} from source {} could not be stored as received ({}): stored as rejected",
        row.messageId(),
        row.source(),
        reason);
    MessageRow rejected = StoreRefusal.asRejected(row, reason, json);
    List<RecordOutcome> outcome = insert(connection, List.of(rejected), now);
    return outcome.get(0) == RecordOutcome.DUPLICATE
        ? RecordOutcome.DUPLICATE
        : new RecordOutcome.Refused(reason);
  }

  /** The rows in one go: messages first (duplicates left as they were), then the jobs of the accepted ones. */
  private static List<RecordOutcome> insert(
      Connection connection, List<MessageRow> rows, Instant now) throws SQLException {
    Map<String, Long> inserted = insertMessages(connection, rows, now);
    List<RecordOutcome> outcomes = new ArrayList<>(rows.size());
    List<Long> jobMessages = new ArrayList<>();
    List<String> jobKeys = new ArrayList<>();
    List<String> jobLanes = new ArrayList<>();
    List<String> jobDestinations = new ArrayList<>();
    for (MessageRow row : rows) {
      Long id = inserted.remove(keyOf(row.source(), row.messageId()));
      if (id == null) {
        outcomes.add(RecordOutcome.DUPLICATE);
        continue;
      }
      outcomes.add(RecordOutcome.STORED);
      if (row.orderingKey() != null) {
        // a job per destination, in request order: job ids order one user's deliveries to each
        for (String destination : row.destinations()) {
          jobMessages.add(id);
          jobKeys.add(row.orderingKey());
          jobLanes.add(row.lane());
          jobDestinations.add(destination);
        }
      }
    }
    if (!jobMessages.isEmpty()) {
      insertJobs(connection, jobMessages, jobKeys, jobLanes, jobDestinations, now);
    }
    return outcomes;
  }

  private static Map<String, Long> insertMessages(
      Connection connection, List<MessageRow> rows, Instant now) throws SQLException {
    int n = rows.size();
    String[][] columns = new String[11][n];
    for (int i = 0; i < n; i++) {
      MessageRow row = rows.get(i);
      columns[0][i] = row.source();
      columns[1][i] = row.messageId();
      columns[2][i] = row.type();
      columns[3][i] = row.payloadJson();
      columns[4][i] = row.receivedAt().toString();
      columns[5][i] = row.eventTimestamp().toString();
      columns[6][i] = row.state();
      columns[7][i] = row.reason();
      columns[8][i] = row.warningsJson();
      columns[9][i] = row.unmappedJson();
      columns[10][i] = row.limits();
    }
    Map<String, Long> inserted = new HashMap<>();
    try (PreparedStatement insert = connection.prepareStatement(INSERT_MESSAGES)) {
      Jdbc.setInstant(insert, 1, now);
      for (int c = 0; c < columns.length; c++) {
        insert.setArray(c + 2, connection.createArrayOf("text", columns[c]));
      }
      try (ResultSet result = insert.executeQuery()) {
        while (result.next()) {
          inserted.put(
              keyOf(result.getString("source"), result.getString("message_id")),
              result.getLong("id"));
        }
      }
    }
    return inserted;
  }

  private static void insertJobs(
      Connection connection,
      List<Long> messageIds,
      List<String> orderingKeys,
      List<String> lanes,
      List<String> destinations,
      Instant now)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_JOBS)) {
      Jdbc.setInstant(insert, 1, now);
      Jdbc.setInstant(insert, 2, now);
      insert.setArray(3, connection.createArrayOf("bigint", messageIds.toArray(Long[]::new)));
      insert.setArray(4, connection.createArrayOf("text", orderingKeys.toArray(String[]::new)));
      insert.setArray(5, connection.createArrayOf("text", lanes.toArray(String[]::new)));
      insert.setArray(6, connection.createArrayOf("text", destinations.toArray(String[]::new)));
      insert.executeUpdate();
    }
  }

  private static String keyOf(String source, String messageId) {
    return source + '\n' + messageId;
  }

  @Override
  public Optional<StoredMessage> find(MessageKey key) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setString(1, PersistenceJson.clean(key.source().value()));
            select.setString(2, PersistenceJson.clean(key.messageId().value()));
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(storedMessage(row, json)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<StoredMessage> findAll(MessageId messageId) {
    return query(FIND_ALL, PersistenceJson.clean(messageId.value()), null);
  }

  @Override
  public List<StoredMessage> list(MessageState state, int limit) {
    return query(LIST, state.wire(), limit);
  }

  private List<StoredMessage> query(String sql, String text, Integer limit) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, text);
            if (limit != null) {
              select.setInt(2, limit);
            }
            List<StoredMessage> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                found.add(storedMessage(row, json));
              }
            }
            return found;
          }
        });
  }

  static StoredMessage storedMessage(ResultSet row, PersistenceJson json) throws SQLException {
    return new StoredMessage(
        new MessageKey(
            new SourceId(row.getString("source")), new MessageId(row.getString("message_id"))),
        row.getString("type"),
        MessageState.valueOf(row.getString("state").toUpperCase(Locale.ROOT)),
        Optional.ofNullable(row.getString("reason")),
        json.readStrings(row.getString("warnings")),
        json.readStrings(row.getString("unmapped")),
        Jdbc.getInstant(row, "received_at"),
        Jdbc.getInstant(row, "event_timestamp"));
  }
}
