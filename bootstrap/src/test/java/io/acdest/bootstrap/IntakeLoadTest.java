package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acdest.domain.port.in.IngestCallsUseCase;
import io.acdest.domain.port.in.IngestCommand;
import io.acdest.domain.port.in.IngestReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Decision 0032: delivery workers make way while the intake stores a burst, and only then. */
class IntakeLoadTest {
  private final IntakeLoad load = new IntakeLoad();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch entered = new CountDownLatch(IntakeLoad.BURST);
  private final IngestCallsUseCase counted =
      load.counting(
          command -> {
            entered.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new IngestReport(List.of(), true);
          });

  private List<Thread> storing(int requests) {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      threads.add(
          Thread.ofVirtual().start(() -> counted.ingest(new IngestCommand(List.of(), false))));
    }
    return threads;
  }

  @Test
  void oneClientSendingCallsOneAfterTheOtherIsNoBurst() {
    for (int i = 0; i < 10; i++) {
      release.countDown();
      counted.ingest(new IngestCommand(List.of(), false));
      assertThat(load.burst()).isFalse();
    }
  }

  @Test
  void fewerRequestsAtOnceThanABurstLeaveTheWorkersAlone() throws Exception {
    List<Thread> threads = storing(IntakeLoad.BURST - 1);
    await().until(() -> entered.getCount() == 1);
    assertThat(load.burst()).isFalse();
    release.countDown();
    for (Thread t : threads) {
      t.join();
    }
  }

  @Test
  void aBurstLastsWhileItIsStoredAndALittleAfter() throws Exception {
    long started = System.nanoTime();
    List<Thread> threads = storing(IntakeLoad.BURST);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(load.burst()).isTrue();
    release.countDown();
    for (Thread t : threads) {
      t.join();
    }
    // over once the linger has passed, not before: the burst was seen no earlier than its start
    await().atMost(Duration.ofSeconds(5)).until(() -> !load.burst());
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(IntakeLoad.LINGER);
  }
}
