package io.acdest.adapters.persistence;

import io.acdest.application.contracts.AttemptLogContract;
import io.acdest.application.contracts.ContactDirectoryContract;
import io.acdest.application.contracts.MessageStoreContract;
import io.acdest.application.contracts.RateLimiterContract;
import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.out.NewMessage;
import io.acdest.domain.port.shared.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

/** The JDBC adapters keep the same contracts as the in-memory fakes, on a real PostgreSQL. */
class JdbcAdaptersPassTheContractsTest {
  private static final PersistenceJson JSON = new PersistenceJson();

  private static DataSource emptyDatabase() {
    DataSource dataSource = TestDatabase.shared();
    TestDatabase.truncate(dataSource);
    return dataSource;
  }

  @Nested
  class MessageStore extends MessageStoreContract {
    @Override
    protected void createStore(MutableClock clock) {
      DataSource dataSource = emptyDatabase();
      log = new JdbcMessageLog(dataSource, JSON, clock);
      queue = new JdbcDeliveryQueue(dataSource, JSON, clock);
      reads = new JdbcOperationsReadModel(dataSource, JSON);
    }
  }

  @Nested
  class Directory extends ContactDirectoryContract {
    @Override
    protected ContactDirectory createDirectory() {
      return new JdbcContactDirectory(
          emptyDatabase(),
          JSON,
          Clock.systemUTC(),
          new io.acdest.domain.model.CrmAccount("test-account"));
    }
  }

  @Nested
  class Attempts extends AttemptLogContract {
    private JobId first;
    private JobId second;

    @Override
    protected AttemptLog createLog() {
      DataSource dataSource = emptyDatabase();
      JdbcMessageLog log = new JdbcMessageLog(dataSource, JSON, Clock.systemUTC());
      log.record(List.of(message("m1", "u1"), message("m2", "u2")));
      List<io.acdest.domain.delivery.DeliveryJob> jobs =
          new JdbcDeliveryQueue(dataSource, JSON, Clock.systemUTC())
              .claim("w", 2, Duration.ofMinutes(1));
      first = jobs.get(0).id();
      second = jobs.get(1).id();
      return new JdbcAttemptLog(dataSource);
    }

    @Override
    protected JobId job(boolean isSecond) {
      return isSecond ? second : first;
    }

    @Override
    protected MessageKey message(boolean isSecond) {
      return new MessageKey(new SourceId("web"), new MessageId(isSecond ? "m2" : "m1"));
    }

    private NewMessage message(String id, String user) {
      SourceId source = new SourceId("web");
      return new NewMessage(
          new MessageKey(source, new MessageId(id)),
          new ReceivedCall(
              source,
              "track",
              CallFields.root(Map.of("type", "track", "userId", user)),
              Instant.now()),
          Instant.now(),
          MessageState.ACCEPTED,
          Optional.empty(),
          List.of(),
          List.of(),
          Optional.of(new OrderingKey("user:" + user)));
    }
  }

  @Nested
  class Limiter extends RateLimiterContract {
    @Override
    protected RateLimiter createLimiter(MutableClock clock) {
      return new JdbcRateLimiter(emptyDatabase(), clock);
    }
  }
}
