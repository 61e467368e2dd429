package io.acdest.adapters.persistence;

import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.model.CrmAccount;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListId;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.Tag;
import io.acdest.domain.model.TagSet;
import io.acdest.domain.port.out.ContactDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The contact directory in PostgreSQL: identities and aliases (shared: what the calls said), and, for one CRM account,
 * the contact id of each email and the last synced state of each contact (what the CRM said, which belongs to the
 * account it was learnt from).
 */
public final class JdbcContactDirectory implements ContactDirectory {
  private static final String FIND =
      """
      SELECT d.email, c.crm_contact_id, d.previous_email FROM directory_identities d
      LEFT JOIN crm_contacts c ON c.account = ? AND c.email = d.email
      WHERE d.kind = ? AND d.identity = ?
      """;
  private static final String FIND_ALIAS =
      "SELECT user_id FROM directory_aliases WHERE previous_id = ?";
  // SET expressions read the row as it was, so the old email can become the previous one.
  private static final String REMEMBER_EMAIL =
      """
      INSERT INTO directory_identities AS d (kind, identity, email, updated_at)
      VALUES (?, ?, ?, ?)
      ON CONFLICT (kind, identity) DO UPDATE SET
        previous_email = CASE WHEN d.email <> EXCLUDED.email THEN d.email ELSE d.previous_email END,
        email_changed_at = CASE WHEN d.email <> EXCLUDED.email THEN EXCLUDED.updated_at ELSE d.email_changed_at END,
        email = EXCLUDED.email,
        updated_at = EXCLUDED.updated_at
      """;

  /** The contact now has this email: any other email this account's copy gave it is no longer its. */
  private static final String FORGET_OTHER_EMAILS =
      """
      DELETE FROM crm_contacts WHERE account = ? AND crm_contact_id = ? AND email <> ?
      """;

  private static final String REMEMBER_CONTACT =
      """
      INSERT INTO crm_contacts (account, email, crm_contact_id, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (account, email) DO UPDATE SET crm_contact_id = EXCLUDED.crm_contact_id,
        updated_at = EXCLUDED.updated_at
      """;
  private static final String ALIAS =
      """
      INSERT INTO directory_aliases (previous_id, user_id, created_at) VALUES (?, ?, ?)
      ON CONFLICT (previous_id) DO UPDATE SET user_id = EXCLUDED.user_id, created_at = EXCLUDED.created_at
      """;
  private static final String LAST_SYNCED =
      """
      SELECT email, tags::text AS tags, list_statuses::text AS list_statuses, fields_fingerprint, synced_at
      FROM contact_sync_states WHERE account = ? AND crm_contact_id = ?
      """;
  private static final String REMEMBER_SYNCED =
      """
      INSERT INTO contact_sync_states (account, crm_contact_id, email, tags, list_statuses, fields_fingerprint,
                                       synced_at)
      VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
      ON CONFLICT (account, crm_contact_id) DO UPDATE SET email = EXCLUDED.email, tags = EXCLUDED.tags,
        list_statuses = EXCLUDED.list_statuses, fields_fingerprint = EXCLUDED.fields_fingerprint,
        synced_at = EXCLUDED.synced_at
      """;

  private final DataSource dataSource;
  private final PersistenceJson json;
  private final Clock clock;
  private final String account;

  /** @param account the CRM account whose contact ids and synced states this directory reads and writes */
  public JdbcContactDirectory(
      DataSource dataSource, PersistenceJson json, Clock clock, CrmAccount account) {
    this.dataSource = dataSource;
    this.json = json;
    this.clock = clock;
    this.account = account.id();
  }

  /**
   * Takes for this directory's account the contact ids and synced states learnt before they were kept per account
   * (version 9 of the schema marks them with no account): they were learnt from the account the service delivered
   * to then, which is this one unless the upgrade changed it too. A built-in sandbox, which forgot, takes none.
   * Returns how many rows it took.
   */
  public int adoptUnattributed() {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          int adopted = 0;
          for (String table : List.of("crm_contacts", "contact_sync_states")) {
            String key = table.equals("crm_contacts") ? "email" : "crm_contact_id";
            try (PreparedStatement adopt =
                    connection.prepareStatement(
                        "UPDATE "
                            + table
                            + " t SET account = ?"
                            + " WHERE account = '' AND NOT EXISTS (SELECT 1 FROM "
                            + table
                            + " o WHERE o.account = ? AND o."
                            + key
                            + " = t."
                            + key
                            + ")");
                PreparedStatement rest =
                    connection.prepareStatement("DELETE FROM " + table + " WHERE account = ''")) {
              adopt.setString(1, account);
              adopt.setString(2, account);
              adopted += adopt.executeUpdate();
              rest.executeUpdate();
            }
          }
          return adopted;
        });
  }

  @Override
  public Optional<Entry> findByUserId(String userId) {
    return find("user", userId);
  }

  @Override
  public Optional<Entry> findByAnonymousId(String anonymousId) {
    return find("anonymous", anonymousId);
  }

  private Optional<Entry> find(String kind, String id) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          Optional<Entry> direct = entry(connection, kind, id);
          if (direct.isPresent()) {
            return direct;
          }
          try (PreparedStatement alias = connection.prepareStatement(FIND_ALIAS)) {
            alias.setString(1, PersistenceJson.clean(id));
            try (ResultSet row = alias.executeQuery()) {
              return row.next()
                  ? entry(connection, "user", row.getString("user_id"))
                  : Optional.<Entry>empty();
            }
          }
        });
  }

  private Optional<Entry> entry(Connection connection, String kind, String id) throws SQLException {
    try (PreparedStatement find = connection.prepareStatement(FIND)) {
      find.setString(1, account);
      find.setString(2, kind);
      find.setString(3, PersistenceJson.clean(id));
      try (ResultSet row = find.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Entry(
                new EmailAddress(row.getString("email")),
                Optional.ofNullable(row.getString("crm_contact_id")).map(CrmContactId::new),
                Optional.ofNullable(row.getString("previous_email")).map(EmailAddress::new)));
      }
    }
  }

  @Override
  public void remember(UserIdentity identity, EmailAddress email, CrmContactId contact) {
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          upsertIdentities(connection, identity, email);
          try (PreparedStatement others = connection.prepareStatement(FORGET_OTHER_EMAILS);
              PreparedStatement upsert = connection.prepareStatement(REMEMBER_CONTACT)) {
            others.setString(1, account);
            others.setString(2, PersistenceJson.clean(contact.value()));
            others.setString(3, email.value());
            others.executeUpdate();
            upsert.setString(1, account);
            upsert.setString(2, email.value());
            upsert.setString(3, PersistenceJson.clean(contact.value()));
            Jdbc.setInstant(upsert, 4, clock.instant());
            return upsert.executeUpdate();
          }
        });
  }

  @Override
  public void rememberEmail(UserIdentity identity, EmailAddress email) {
    Jdbc.inTransaction(dataSource, connection -> upsertIdentities(connection, identity, email));
  }

  /** The user's ids now belong to this email; an id that had another keeps it as its previous email. */
  private int upsertIdentities(Connection connection, UserIdentity identity, EmailAddress email)
      throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(REMEMBER_EMAIL)) {
      for (String[] id : ids(identity)) {
        upsert.setString(1, id[0]);
        upsert.setString(2, PersistenceJson.clean(id[1]));
        upsert.setString(3, email.value());
        Jdbc.setInstant(upsert, 4, clock.instant());
        upsert.addBatch();
      }
      return upsert.executeBatch().length;
    }
  }

  private static java.util.List<String[]> ids(UserIdentity identity) {
    java.util.List<String[]> ids = new java.util.ArrayList<>();
    identity.userId().ifPresent(id -> ids.add(new String[] {"user", id}));
    identity.anonymousId().ifPresent(id -> ids.add(new String[] {"anonymous", id}));
    return ids;
  }

  @Override
  public void forgetContact(CrmContactId contact) {
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement ids =
                  connection.prepareStatement(
                      "DELETE FROM crm_contacts WHERE account = ? AND crm_contact_id = ?");
              PreparedStatement synced =
                  connection.prepareStatement(
                      "DELETE FROM contact_sync_states WHERE account = ? AND crm_contact_id = ?")) {
            for (PreparedStatement delete : List.of(ids, synced)) {
              delete.setString(1, account);
              delete.setString(2, PersistenceJson.clean(contact.value()));
              delete.executeUpdate();
            }
            return 0;
          }
        });
  }

  @Override
  public void alias(String previousId, String userId) {
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement alias = connection.prepareStatement(ALIAS)) {
            alias.setString(1, PersistenceJson.clean(previousId));
            alias.setString(2, PersistenceJson.clean(userId));
            Jdbc.setInstant(alias, 3, clock.instant());
            return alias.executeUpdate();
          }
        });
  }

  @Override
  public Set<String> aliasesOf(String userId) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT previous_id FROM directory_aliases WHERE user_id = ? ORDER BY previous_id")) {
            select.setString(1, PersistenceJson.clean(userId));
            Set<String> previous = new LinkedHashSet<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                previous.add(rows.getString(1));
              }
            }
            return previous;
          }
        });
  }

  @Override
  public Optional<SyncedState> lastSynced(CrmContactId contact) {
    return Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(LAST_SYNCED)) {
            select.setString(1, account);
            select.setString(2, PersistenceJson.clean(contact.value()));
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) {
                return Optional.<SyncedState>empty();
              }
              Map<ListId, ListSubscription.Status> lists = new LinkedHashMap<>();
              json.readObject(row.getString("list_statuses"))
                  .forEach(
                      (id, status) ->
                          lists.put(
                              new ListId(id), ListSubscription.Status.valueOf((String) status)));
              return Optional.of(
                  new SyncedState(
                      contact,
                      new EmailAddress(row.getString("email")),
                      TagSet.of(
                          json.readStrings(row.getString("tags")).stream().map(Tag::new).toList()),
                      lists,
                      row.getString("fields_fingerprint"),
                      Jdbc.getInstant(row, "synced_at")));
            }
          }
        });
  }

  @Override
  public void rememberSynced(SyncedState state) {
    Map<String, String> lists = new LinkedHashMap<>();
    state.lists().forEach((id, status) -> lists.put(id.toString(), status.name()));
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          try (PreparedStatement upsert = connection.prepareStatement(REMEMBER_SYNCED)) {
            upsert.setString(1, account);
            upsert.setString(2, PersistenceJson.clean(state.contact().value()));
            upsert.setString(3, state.email().value());
            upsert.setString(4, json.write(state.tags().asList().stream().map(Tag::name).toList()));
            upsert.setString(5, json.write(lists));
            upsert.setString(6, state.fieldsFingerprint());
            Jdbc.setInstant(upsert, 7, state.syncedAt());
            return upsert.executeUpdate();
          }
        });
  }
}
