package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.model.CrmAccount;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.TagSet;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.out.ContactDirectory.SyncedState;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * What the service learns of a CRM belongs to the account it learnt it from (issue 22): pointed at another account,
 * the service starts afresh there, while a person's ids and email, which the calls said, stay known.
 */
class CrmMemoryPerAccountTest {
  private static final PersistenceJson JSON = new PersistenceJson();
  private static final CrmAccount SHOP = new CrmAccount("activecampaign:shop.api-us1.com#998877");
  private static final CrmAccount STAGING =
      new CrmAccount("activecampaign:staging.api-us1.com#112233");
  private static final EmailAddress JANE = new EmailAddress("jane.kim@example.com");
  private static final CrmContactId SEVENTEEN = new CrmContactId("17");

  @Test
  void anotherAccountKnowsThePersonButNotTheirContactNorWhatWasSyncedToIt() {
    try (HikariDataSource db = TestDatabase.newDatabase(2)) {
      DatabaseMigrations.migrate(db);
      JdbcContactDirectory shop = new JdbcContactDirectory(db, JSON, Clock.systemUTC(), SHOP);
      JdbcContactDirectory staging = new JdbcContactDirectory(db, JSON, Clock.systemUTC(), STAGING);
      shop.remember(UserIdentity.ofUser("ze8rt1u89"), JANE, SEVENTEEN);
      shop.rememberSynced(synced());

      assertThat(staging.findByUserId("ze8rt1u89"))
          .contains(new ContactDirectory.Entry(JANE, Optional.empty()));
      assertThat(staging.lastSynced(SEVENTEEN)).isEmpty();
      assertThat(shop.findByUserId("ze8rt1u89").orElseThrow().contact()).contains(SEVENTEEN);
      assertThat(shop.lastSynced(SEVENTEEN)).contains(synced());

      staging.remember(UserIdentity.ofUser("ze8rt1u89"), JANE, new CrmContactId("4"));
      staging.forgetContact(new CrmContactId("4"));
      assertThat(shop.findByUserId("ze8rt1u89").orElseThrow().contact())
          .as("the other account's, untouched")
          .contains(SEVENTEEN);
    }
  }

  @Test
  void idsLearntBeforeAnUpgradeBelongToTheAccountTheFirstStartDeliversTo() throws Exception {
    try (HikariDataSource db = TestDatabase.newDatabase(2)) {
      Flyway.configure()
          .dataSource(db)
          .locations("classpath:db/migration")
          .target("8")
          .load()
          .migrate();
      try (Connection c = db.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            """
            INSERT INTO directory_identities (kind, identity, email, crm_contact_id, updated_at)
            VALUES ('user', 'ze8rt1u89', 'jane.kim@example.com', '17', now())""");
        s.execute(
            """
            INSERT INTO contact_sync_states (crm_contact_id, email, tags, list_statuses, fields_fingerprint, synced_at)
            VALUES ('17', 'jane.kim@example.com', '["vip"]', '{}', 'f', now())""");
      }
      DatabaseMigrations.migrate(db);
      JdbcContactDirectory shop = new JdbcContactDirectory(db, JSON, Clock.systemUTC(), SHOP);
      JdbcContactDirectory staging = new JdbcContactDirectory(db, JSON, Clock.systemUTC(), STAGING);
      assertThat(shop.findByUserId("ze8rt1u89").orElseThrow().contact())
          .as("not adopted yet")
          .isEmpty();

      assertThat(shop.adoptUnattributed()).isEqualTo(2);
      assertThat(shop.findByUserId("ze8rt1u89").orElseThrow().contact()).contains(SEVENTEEN);
      assertThat(shop.lastSynced(SEVENTEEN))
          .hasValueSatisfying(s -> assertThat(s.tags()).isEqualTo(TagSet.of("vip")));
      assertThat(staging.adoptUnattributed()).as("taken once, by the first start").isZero();
      assertThat(staging.findByUserId("ze8rt1u89").orElseThrow().contact()).isEmpty();
    }
  }

  private static SyncedState synced() {
    return new SyncedState(
        SEVENTEEN,
        JANE,
        TagSet.of("checkout"),
        Map.of(),
        "fingerprint",
        Instant.parse("2026-12-05T10:00:00Z"));
  }
}
