package io.acdest.application;

import io.acdest.application.contracts.AttemptLogContract;
import io.acdest.application.contracts.ContactDirectoryContract;
import io.acdest.application.contracts.MessageStoreContract;
import io.acdest.application.contracts.RateLimiterContract;
import io.acdest.application.fakes.InMemoryAttemptLog;
import io.acdest.application.fakes.InMemoryContactDirectory;
import io.acdest.application.fakes.InMemoryMessageStore;
import io.acdest.application.fakes.InMemoryRateLimiter;
import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.shared.RateLimiter;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/** The in-memory fakes the application tests rely on keep the same contracts as the durable adapters. */
class FakesPassTheContractsTest {

  @Nested
  class MessageStore extends MessageStoreContract {
    @Override
    protected void createStore(MutableClock clock) {
      InMemoryMessageStore store = new InMemoryMessageStore(clock);
      log = store;
      queue = store;
      reads = store;
    }
  }

  @Nested
  class Directory extends ContactDirectoryContract {
    @Override
    protected ContactDirectory createDirectory() {
      return new InMemoryContactDirectory();
    }
  }

  @Nested
  class Attempts extends AttemptLogContract {
    @Override
    protected AttemptLog createLog() {
      return new InMemoryAttemptLog(
          key -> Optional.of(new JobId(key.equals(message(true)) ? 2 : 1)));
    }

    @Override
    protected JobId job(boolean second) {
      return new JobId(second ? 2 : 1);
    }

    @Override
    protected MessageKey message(boolean second) {
      return new MessageKey(new SourceId("web"), new MessageId(second ? "m2" : "m1"));
    }
  }

  @Nested
  class Limiter extends RateLimiterContract {
    @Override
    protected RateLimiter createLimiter(MutableClock clock) {
      return new InMemoryRateLimiter(clock);
    }
  }
}
