package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.in.IngestCallsUseCase;
import io.acdest.domain.port.in.IngestCommand;
import io.acdest.domain.port.in.IngestReport;
import io.acdest.domain.port.out.DeliveryQueue;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Decision 0032: while the intake stores a burst, only the first worker of each lane claims. */
class DeliveryWorkersTest {
  private final Set<String> claimants = ConcurrentHashMap.newKeySet();
  private final DeliveryQueue queue =
      (DeliveryQueue)
          Proxy.newProxyInstance(
              DeliveryQueue.class.getClassLoader(),
              new Class<?>[] {DeliveryQueue.class},
              (proxy, method, args) -> {
                if (method.getName().equals("claim") && args.length == 5) {
                  claimants.add((String) args[0]);
                  return List.of(); // nothing due: the worker idles and polls again
                }
                if (method.getName().equals("release")) {
                  return null;
                }
                throw new UnsupportedOperationException(method.getName());
              });
  private final DeliverCallUseCase delivery =
      (DeliverCallUseCase)
          Proxy.newProxyInstance(
              DeliverCallUseCase.class.getClassLoader(),
              new Class<?>[] {DeliverCallUseCase.class},
              (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
              });
  private final IntakeLoad intake = new IntakeLoad();

  private DeliveryWorkers workers() {
    return new DeliveryWorkers(
        queue,
        delivery,
        Map.of(DeliveryLane.CONTACTS, 3, DeliveryLane.ACTIVITY, 3),
        "test",
        Duration.ofSeconds(30),
        DestinationId.DEFAULT,
        intake);
  }

  @Test
  void withoutABurstEveryWorkerClaims() {
    DeliveryWorkers workers = workers();
    workers.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> claimants.size() == 6);
    } finally {
      workers.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void duringABurstOnlyEachLanesFirstWorkerClaims() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch storing = new CountDownLatch(IntakeLoad.BURST);
    IngestCallsUseCase slow =
        intake.counting(
            command -> {
              storing.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new IngestReport(List.of(), true);
            });
    for (int i = 0; i < IntakeLoad.BURST; i++) {
      Thread.ofVirtual().start(() -> slow.ingest(new IngestCommand(List.of(), false)));
    }
    assertThat(storing.await(10, TimeUnit.SECONDS)).isTrue();
    DeliveryWorkers workers = workers();
    workers.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> claimants.size() >= 2);
      Thread.sleep(1_500); // three idle polls: the others would have claimed by now
      // workers are numbered across lanes: 0–2 contacts, 3–5 activity
      assertThat(claimants).containsExactlyInAnyOrder("test-worker-0", "test-worker-3");
      release.countDown();
      // the burst over, the others come back
      await().atMost(Duration.ofSeconds(10)).until(() -> claimants.size() == 6);
    } finally {
      release.countDown();
      workers.stop(Duration.ofSeconds(5));
    }
  }
}
