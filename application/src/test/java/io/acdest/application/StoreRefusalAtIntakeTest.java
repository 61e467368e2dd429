package io.acdest.application;

import static io.acdest.application.fakes.Trees.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.application.fakes.InMemoryContactDirectory;
import io.acdest.application.fakes.InMemoryMessageStore;
import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.in.AcceptResult;
import io.acdest.domain.port.in.IngestReport;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.NewMessage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a client hears when the store refuses one call of its request (§2: that call's problem, never the request's). */
class StoreRefusalAtIntakeTest {
  private final InMemoryMessageStore store = new InMemoryMessageStore(Clock.systemUTC());

  /** The in-memory store, except that it refuses any message whose id starts with "poison". */
  private final MessageLog refusingLog =
      new MessageLog() {
        @Override
        public List<RecordOutcome> record(List<NewMessage> messages) {
          List<NewMessage> storable = messages.stream().filter(m -> !poison(m)).toList();
          List<RecordOutcome> stored = new ArrayList<>(store.record(storable));
          List<RecordOutcome> outcomes = new ArrayList<>();
          for (NewMessage message : messages) {
            outcomes.add(
                poison(message)
                    ? new RecordOutcome.Refused(
                        "the store cannot hold it as received: value too big")
                    : stored.remove(0));
          }
          return outcomes;
        }

        private boolean poison(NewMessage message) {
          return message.key().messageId().value().startsWith("poison");
        }

        @Override
        public Optional<io.acdest.domain.port.out.StoredMessage> find(
            io.acdest.domain.message.MessageKey key) {
          return store.find(key);
        }

        @Override
        public List<io.acdest.domain.port.out.StoredMessage> findAll(MessageId messageId) {
          return store.findAll(messageId);
        }

        @Override
        public List<io.acdest.domain.port.out.StoredMessage> list(
            io.acdest.domain.message.MessageState state, int limit) {
          return store.list(state, limit);
        }
      };

  private final InMemoryContactDirectory directory = new InMemoryContactDirectory();
  private final CallIntake intake =
      new CallIntake(
          refusingLog,
          directory,
          new IntegrationsFilter("CRM"),
          io.acdest.domain.model.ListIdFormat.ANY,
          new io.acdest.application.fakes.InMemorySuppressions(),
          new WaitingCalls(
              store,
              directory,
              new EmailResolver(directory),
              java.time.Clock.systemUTC(),
              java.time.Duration.ofDays(7)));

  @SafeVarargs
  private IngestReport accept(Map<String, Object>... events) {
    List<ReceivedCall> calls = new ArrayList<>();
    for (Map<String, Object> event : events) {
      calls.add(
          new ReceivedCall(new SourceId("web"), "track", CallFields.root(event), Instant.now()));
    }
    return intake.accept(calls, false);
  }

  @Test
  void aCallTheStoreRefusesIsRejectedAsUnstorableAndTheOthersAreAccepted() {
    IngestReport report =
        accept(
            obj("messageId", "m1", "userId", "u1", "event", "A"),
            obj("messageId", "poison-1", "userId", "u1", "event", "B"),
            obj("messageId", "m2", "userId", "u1", "event", "C"));

    assertThat(report.stored()).isTrue();
    assertThat(report.accepted()).isEqualTo(2);
    assertThat(report.results().get(1))
        .isInstanceOfSatisfying(
            AcceptResult.Rejected.class,
            rejected -> {
              assertThat(rejected.rejection().code()).isEqualTo(CallIntake.UNSTORABLE);
              assertThat(rejected.rejection().message()).contains("value too big");
            });
  }

  @Test
  void aCallTheRulesRejectedKeepsItsOwnReasonWhenTheStoreRefusesItToo() {
    IngestReport report =
        accept(
            obj(
                "messageId",
                "poison-2",
                "userId",
                "u1",
                "event",
                "B",
                "properties",
                obj("acValue", new BigDecimal("1e999999"))));

    assertThat(report.results().get(0))
        .isInstanceOfSatisfying(
            AcceptResult.Rejected.class,
            rejected -> {
              assertThat(rejected.rejection().code()).isEqualTo("out_of_range");
              assertThat(rejected.rejection().field()).isEqualTo("properties.acValue");
            });
  }
}
