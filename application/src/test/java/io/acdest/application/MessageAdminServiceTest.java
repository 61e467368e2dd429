package io.acdest.application;

import static io.acdest.application.Harness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.application.fakes.InMemoryAttemptLog;
import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.out.CrmFailure;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageAdminServiceTest {
  private final Harness h = new Harness();
  private final InMemoryAttemptLog attempts = new InMemoryAttemptLog(h.store::jobOf);
  private final MessageAdminService admin = new MessageAdminService(h.store, h.store, attempts);

  @Test
  void aDeadMessageIsShownWithItsAttemptsListedAndRetried() {
    h.accept(obj("type", "track", "messageId", "m1", "userId", "u1", "event", "Clicked a button",
        "properties", obj("email", "jane.kim@example.com")));
    h.crm.failNext(new CrmFailure(CrmFailure.Kind.PERMANENT, "422: Email address is not valid"));
    h.deliverDue();
    attempts.record(new Attempt(h.store.jobOf(Harness.key("m1")).orElseThrow(), "event.track", Optional.of(422),
        Duration.ofMillis(30), Optional.of("client_error"), Optional.of("Email address is not valid"), h.clock.instant()));

    assertThat(admin.find(new MessageId("m1"))).singleElement().satisfies(details -> {
      assertThat(details.message().state()).isEqualTo(MessageState.DEAD);
      assertThat(details.attempts()).extracting(Attempt::httpStatus).containsExactly(Optional.of(422));
    });
    assertThat(admin.list(MessageState.DEAD, 10)).hasSize(1);

    assertThat(admin.retry(new MessageId("m1"))).isEqualTo(1);
    h.deliverDue();
    assertThat(h.message("m1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(admin.retry(new MessageId("m1"))).as("only dead messages are retried").isZero();
  }
}
