package io.acdest.adapters.persistence;

import io.acdest.domain.call.PersonIdentifiers;
import io.acdest.domain.model.CrmAccount;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.port.out.PersonalData;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A person's data in PostgreSQL: found through the contact directory's links, erased in one transaction. A message
 * is the person's when its {@code userId}, {@code anonymousId}, alias {@code previousId} or an email of its
 * {@code traits}, {@code properties} or {@code context.traits} is one of theirs (each an indexed expression); its
 * job and attempts go with it (foreign keys cascade). Directory rows go by id or email, the CRM contact ids of every
 * account by email, synced states by contact or email; the CRM contacts to delete are those of the account
 * delivered to.
 */
public final class JdbcPersonalData implements PersonalData {
  private static final String LINKED_BY_ID =
      """
      SELECT kind, identity, email, previous_email FROM directory_identities
      WHERE (kind = 'user' AND identity = ANY(?)) OR (kind = 'anonymous' AND identity = ANY(?))
         OR email = ANY(?) OR previous_email = ANY(?)
      """;
  private static final String ALIASES =
      """
      SELECT previous_id, user_id FROM directory_aliases WHERE previous_id = ANY(?) OR user_id = ANY(?)
      """;

  /** The account's contacts of the person: by email (any of theirs), and those last synced under one of them. */
  private static final String CONTACTS =
      """
      SELECT crm_contact_id FROM crm_contacts WHERE account = ? AND email = ANY(?)
      UNION SELECT crm_contact_id FROM contact_sync_states WHERE account = ? AND email = ANY(?)
      """;

  private static final String MESSAGES =
      """
      SELECT id FROM messages
      WHERE acdest_id(payload->>'userId') = ANY(?) OR acdest_id(payload->>'anonymousId') = ANY(?)
         OR acdest_id(payload->>'previousId') = ANY(?)
         OR acdest_email(payload->'traits'->>'email') = ANY(?) OR acdest_email(payload->'properties'->>'email') = ANY(?)
         OR acdest_email(payload->'context'->'traits'->>'email') = ANY(?)
         OR (payload ?? 'unstorableEvent'
             AND (payload->>'unstorableEvent' ~ ANY(?) OR payload->>'unstorableEvent' ~* ANY(?)))
      """;

  /** Every unfinished job of the person, claimed or not: none of them may begin from now on. */
  private static final String HOLD_BACK =
      """
      UPDATE delivery_jobs SET due_at = 'infinity' WHERE message_ref = ANY(?) AND status = 'pending'
      """;

  /** Deliveries of the person that began (their request may be on its way) under a lease still running. */
  private static final String IN_FLIGHT =
      """
      SELECT count(*) FROM delivery_jobs
      WHERE message_ref = ANY(?) AND status = 'pending' AND started_at IS NOT NULL AND lease_expires_at > ?
      """;

  private static final String COUNT_JOBS =
      "SELECT count(*) FROM delivery_jobs WHERE message_ref = ANY(?)";
  private static final String COUNT_ATTEMPTS =
      """
      SELECT count(*) FROM attempts a JOIN delivery_jobs j ON j.id = a.job_id WHERE j.message_ref = ANY(?)
      """;
  private static final String DELETE_MESSAGES = "DELETE FROM messages WHERE id = ANY(?)";
  private static final String DELETE_IDENTITIES =
      """
      DELETE FROM directory_identities
      WHERE (kind = 'user' AND identity = ANY(?)) OR (kind = 'anonymous' AND identity = ANY(?))
         OR email = ANY(?) OR previous_email = ANY(?)
      """;
  private static final String DELETE_ALIASES =
      "DELETE FROM directory_aliases WHERE previous_id = ANY(?) OR user_id = ANY(?)";
  private static final String DELETE_SYNCED =
      """
      DELETE FROM contact_sync_states WHERE (account = ? AND crm_contact_id = ANY(?)) OR email = ANY(?)
      """;
  private static final String DELETE_CONTACT_IDS =
      """
      DELETE FROM crm_contacts WHERE (account = ? AND crm_contact_id = ANY(?)) OR email = ANY(?)
      """;
  private static final String LOG =
      """
      INSERT INTO erasures (id, requested_at, completed_at, messages, jobs, attempts, directory_entries, crm_result,
                            suppression_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;
  private static final String LIST =
      """
      SELECT id, requested_at, completed_at, messages, jobs, attempts, directory_entries, crm_result, suppression_id
      FROM erasures ORDER BY requested_at DESC LIMIT ?
      """;

  /** How many rounds of following the directory's links; a person's identifiers settle in two or three. */
  private static final int MAX_ROUNDS = 10;

  private static final Duration LOOK_AGAIN = Duration.ofMillis(200);

  private final DataSource dataSource;
  private final Clock clock;
  private final String account;

  /** @param account the CRM account delivered to: its contacts of the person are the ones to delete there */
  public JdbcPersonalData(DataSource dataSource, Clock clock, CrmAccount account) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.account = account.id();
  }

  @Override
  public Person find(PersonIdentifiers start) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          Set<String> users = new LinkedHashSet<>(start.userIds());
          Set<String> anonymous = new LinkedHashSet<>(start.anonymousIds());
          Set<String> emails = new LinkedHashSet<>();
          start.emails().forEach(email -> emails.add(email.value()));
          Set<CrmContactId> contacts = new LinkedHashSet<>();
          for (int round = 0; round < MAX_ROUNDS; round++) {
            int before = users.size() + anonymous.size() + emails.size();
            try (PreparedStatement linked = connection.prepareStatement(LINKED_BY_ID)) {
              linked.setArray(1, texts(connection, users));
              linked.setArray(2, texts(connection, anonymous));
              linked.setArray(3, texts(connection, emails));
              linked.setArray(4, texts(connection, emails));
              try (ResultSet row = linked.executeQuery()) {
                while (row.next()) {
                  (row.getString("kind").equals("user") ? users : anonymous)
                      .add(row.getString("identity"));
                  emails.add(row.getString("email"));
                  Optional.ofNullable(row.getString("previous_email")).ifPresent(emails::add);
                }
              }
            }
            Set<String> ids = new LinkedHashSet<>(users);
            ids.addAll(anonymous);
            try (PreparedStatement aliases = connection.prepareStatement(ALIASES)) {
              aliases.setArray(1, texts(connection, ids));
              aliases.setArray(2, texts(connection, users));
              try (ResultSet row = aliases.executeQuery()) {
                while (row.next()) {
                  // an alias's previous id was an anonymous id or an earlier user id: either way,
                  // this person's
                  users.add(row.getString("user_id"));
                  users.add(row.getString("previous_id"));
                  anonymous.add(row.getString("previous_id"));
                }
              }
            }
            if (users.size() + anonymous.size() + emails.size() == before) {
              break;
            }
          }
          try (PreparedStatement synced = connection.prepareStatement(CONTACTS)) {
            synced.setString(1, account);
            synced.setArray(2, texts(connection, emails));
            synced.setString(3, account);
            synced.setArray(4, texts(connection, emails));
            try (ResultSet row = synced.executeQuery()) {
              while (row.next()) {
                contacts.add(new CrmContactId(row.getString(1)));
              }
            }
          }
          Set<EmailAddress> addresses = new LinkedHashSet<>();
          emails.forEach(email -> addresses.add(new EmailAddress(email)));
          return new Person(new PersonIdentifiers(users, anonymous, addresses), contacts);
        });
  }

  @Override
  public ErasedCounts erase(Person person, Duration inFlightWait) {
    Instant deadline = clock.instant().plus(inFlightWait);
    while (true) {
      // Each round holds the person's jobs back (a worker then refuses to begin one:
      // DeliveryQueue.start), and
      // erases unless a delivery that began before is still under way. Holding back, the check and
      // the deletion
      // share one transaction, so a job cannot begin between them.
      Optional<ErasedCounts> erased =
          Jdbc.inTransaction(
              dataSource,
              connection -> {
                Long[] messages = messagesOf(connection, person);
                Instant now = clock.instant();
                try (PreparedStatement hold = connection.prepareStatement(HOLD_BACK)) {
                  hold.setArray(1, connection.createArrayOf("bigint", messages));
                  hold.executeUpdate();
                }
                if (count(connection, IN_FLIGHT, messages, now) > 0 && now.isBefore(deadline)) {
                  return Optional.<ErasedCounts>empty();
                }
                return Optional.of(delete(connection, person, messages));
              });
      if (erased.isPresent()) {
        return erased.get();
      }
      try {
        Thread.sleep(LOOK_AGAIN.toMillis());
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted while waiting for a delivery of the person to end", stop);
      }
    }
  }

  private ErasedCounts delete(Connection connection, Person person, Long[] messages)
      throws SQLException {
    long jobs = count(connection, COUNT_JOBS, messages, null);
    long attempts = count(connection, COUNT_ATTEMPTS, messages, null);
    try (PreparedStatement delete = connection.prepareStatement(DELETE_MESSAGES)) {
      delete.setArray(1, connection.createArrayOf("bigint", messages));
      delete.executeUpdate();
    }
    Set<String> emails = emails(person);
    Set<String> ids = new LinkedHashSet<>(person.identifiers().userIds());
    ids.addAll(person.identifiers().anonymousIds());
    long directory;
    try (PreparedStatement delete = connection.prepareStatement(DELETE_IDENTITIES)) {
      delete.setArray(1, texts(connection, person.identifiers().userIds()));
      delete.setArray(2, texts(connection, person.identifiers().anonymousIds()));
      delete.setArray(3, texts(connection, emails));
      delete.setArray(4, texts(connection, emails));
      directory = delete.executeUpdate();
    }
    try (PreparedStatement delete = connection.prepareStatement(DELETE_ALIASES)) {
      delete.setArray(1, texts(connection, ids));
      delete.setArray(2, texts(connection, ids));
      directory += delete.executeUpdate();
    }
    Set<String> contacts = new LinkedHashSet<>();
    person.contacts().forEach(contact -> contacts.add(contact.value()));
    for (String statement : List.of(DELETE_SYNCED, DELETE_CONTACT_IDS)) {
      try (PreparedStatement delete = connection.prepareStatement(statement)) {
        delete.setString(1, account);
        delete.setArray(2, texts(connection, contacts));
        delete.setArray(3, texts(connection, emails));
        directory += delete.executeUpdate();
      }
    }
    return new ErasedCounts(messages.length, jobs, attempts, directory);
  }

  /**
   * A regular expression (PostgreSQL's) for the value as a JSON string, with any white space the intake would have
   * trimmed: {@code "\s*jane@example\.com\s*"}.
   */
  static String quotedInJson(String value) {
    StringBuilder pattern = new StringBuilder("\"\\s*");
    value
        .codePoints()
        .forEach(
            c -> {
              if (!Character.isLetterOrDigit(c)) {
                pattern.append('\\');
              }
              pattern.appendCodePoint(c);
            });
    return pattern.append("\\s*\"").toString();
  }

  @Override
  public void record(ErasureRecord erasure) {
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement insert = connection.prepareStatement(LOG)) {
            insert.setString(1, erasure.id());
            Jdbc.setInstant(insert, 2, erasure.requestedAt());
            Jdbc.setInstant(insert, 3, erasure.completedAt());
            insert.setLong(4, erasure.erased().messages());
            insert.setLong(5, erasure.erased().jobs());
            insert.setLong(6, erasure.erased().attempts());
            insert.setLong(7, erasure.erased().directoryEntries());
            insert.setString(8, PersistenceJson.clean(erasure.crm()));
            insert.setString(9, erasure.suppressionId().orElse(null));
            return insert.executeUpdate();
          }
        });
  }

  @Override
  public List<ErasureRecord> erasures(int limit) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(LIST)) {
            select.setInt(1, limit);
            List<ErasureRecord> log = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                log.add(
                    new ErasureRecord(
                        row.getString("id"),
                        Jdbc.getInstant(row, "requested_at"),
                        Jdbc.getInstant(row, "completed_at"),
                        new ErasedCounts(
                            row.getLong("messages"),
                            row.getLong("jobs"),
                            row.getLong("attempts"),
                            row.getLong("directory_entries")),
                        row.getString("crm_result"),
                        Optional.ofNullable(row.getString("suppression_id"))));
              }
            }
            return log;
          }
        });
  }

  private static Long[] messagesOf(Connection connection, Person person) throws SQLException {
    Set<String> ids = new LinkedHashSet<>(person.identifiers().userIds());
    ids.addAll(person.identifiers().anonymousIds());
    Set<String> emails = emails(person);
    try (PreparedStatement select = connection.prepareStatement(MESSAGES)) {
      select.setArray(1, texts(connection, person.identifiers().userIds()));
      select.setArray(2, texts(connection, person.identifiers().anonymousIds()));
      select.setArray(3, texts(connection, ids));
      for (int i = 4; i <= 6; i++) {
        select.setArray(i, texts(connection, emails));
      }
      // an event the store could not hold is kept as its JSON text: an identifier of the person as
      // a JSON string in it
      Set<String> idPatterns = new LinkedHashSet<>();
      ids.forEach(id -> idPatterns.add(quotedInJson(id)));
      Set<String> emailPatterns = new LinkedHashSet<>();
      emails.forEach(email -> emailPatterns.add(quotedInJson(email)));
      select.setArray(7, texts(connection, idPatterns));
      select.setArray(8, texts(connection, emailPatterns));
      List<Long> found = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          found.add(row.getLong(1));
        }
      }
      return found.toArray(Long[]::new);
    }
  }

  private static long count(Connection connection, String sql, Long[] messages, Instant now)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setArray(1, connection.createArrayOf("bigint", messages));
      if (now != null) {
        Jdbc.setInstant(select, 2, now);
      }
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static Set<String> emails(Person person) {
    Set<String> emails = new LinkedHashSet<>();
    person.identifiers().emails().forEach(email -> emails.add(email.value()));
    return emails;
  }

  private static Array texts(Connection connection, Set<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }
}
