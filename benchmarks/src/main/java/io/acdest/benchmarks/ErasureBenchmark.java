package io.acdest.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.acdest.adapters.persistence.DatabaseMigrations;
import io.acdest.adapters.persistence.JdbcContactDirectory;
import io.acdest.adapters.persistence.JdbcMessageLog;
import io.acdest.adapters.persistence.JdbcPersonalData;
import io.acdest.adapters.persistence.JdbcSuppressions;
import io.acdest.adapters.persistence.Messages;
import io.acdest.adapters.persistence.PersistenceJson;
import io.acdest.adapters.persistence.TestDatabase;
import io.acdest.application.ErasureService;
import io.acdest.domain.call.PersonIdentifiers;
import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.port.in.ErasureUseCase;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.NewMessage;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Erasure at scale (issue 16): a store holding {@code people} people with {@code perPerson} messages each, their
 * directory entries, and as many messages of others; then every person erased by email, one after the other, as
 * the admin API does ({@link ErasureService}: find through the directory, suppress, erase, log), without the CRM. Reports the time for all.
 * {@code mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.acdest.benchmarks.ErasureBenchmark [-Dexec.args="1000 10"]}
 */
public final class ErasureBenchmark {
  private static final Logger LOG = Logger.getLogger(ErasureBenchmark.class.getName());

  private ErasureBenchmark() {}

  public static void main(String[] args) throws Exception {
    int people = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int perPerson = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Clock clock = Clock.systemUTC();
    PersistenceJson json = new PersistenceJson();
    try (HikariDataSource db = TestDatabase.newDatabase(4)) {
      DatabaseMigrations.migrate(db);
      JdbcMessageLog log = new JdbcMessageLog(db, json, clock);
      JdbcContactDirectory directory =
          new JdbcContactDirectory(
              db, json, clock, new io.acdest.domain.model.CrmAccount("test-account"));
      List<NewMessage> batch = new ArrayList<>();
      for (int person = 0; person < 2 * people; person++) {
        for (int n = 0; n < perPerson; n++) {
          batch.add(Messages.accepted("m-" + person + "-" + n, "user-" + person, Instant.now()));
          if (batch.size() == 500) {
            log.record(batch);
            batch.clear();
          }
        }
        directory.rememberEmail(
            UserIdentity.ofUser("user-" + person),
            new EmailAddress("person" + person + "@example.com"));
      }
      log.record(batch);
      LOG.info(
          String.format("stored %,d messages of %,d people", 2 * people * perPerson, 2 * people));

      // the use case the admin API calls, without the CRM (ActiveCampaign's 5 requests a second
      // would set the pace)
      ErasureUseCase erasures =
          new ErasureService(
              new JdbcPersonalData(
                  db, clock, new io.acdest.domain.model.CrmAccount("test-account")),
              new JdbcSuppressions(db),
              noCrm(),
              clock,
              Duration.ofMinutes(2));
      long erasedMessages = 0;
      long started = System.nanoTime();
      for (int person = 0; person < people; person++) {
        PersonIdentifiers who =
            PersonIdentifiers.requested(
                Optional.empty(),
                Optional.empty(),
                Optional.of("person" + person + "@example.com"));
        erasedMessages +=
            erasures.erase(new ErasureUseCase.ErasureRequest(who, false, true)).erased().messages();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long left;
      try (Connection connection = db.getConnection();
          Statement count = connection.createStatement();
          ResultSet row = count.executeQuery("SELECT count(*) FROM messages")) {
        row.next();
        left = row.getLong(1);
      }
      LOG.info(
          String.format(
              "erased %,d people (%,d messages) in %.1f s = %.1f erasures per second; %,d messages"
                  + " of the other %,d people left (expected %,d)",
              people,
              erasedMessages,
              seconds,
              people / seconds,
              left,
              people,
              (long) people * perPerson));
    }
  }

  /** The CRM is not asked in this benchmark; any call to it is a mistake of the benchmark. */
  private static CrmContacts noCrm() {
    return (CrmContacts)
        Proxy.newProxyInstance(
            CrmContacts.class.getClassLoader(),
            new Class<?>[] {CrmContacts.class},
            (proxy, method, arguments) -> {
              throw new IllegalStateException(
                  "the erasure benchmark does not ask the CRM (" + method.getName() + ")");
            });
  }
}
