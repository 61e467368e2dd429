package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.port.out.MessageLog.RecordOutcome;
import io.acdest.domain.port.out.NewMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What must hold when several workers, threads and instances share one database. */
class ConcurrencyTest {
  private static final PersistenceJson JSON = new PersistenceJson();
  private static final Clock CLOCK = Clock.systemUTC();
  // Two pools on one database: two instances of the service.
  private static HikariDataSource instanceA;
  private static HikariDataSource instanceB;

  @BeforeAll
  static void startInstances() {
    DatabaseSettings settings = TestDatabase.newDatabaseSettings(8);
    instanceA = PersistenceModule.pool(settings);
    instanceB = PersistenceModule.pool(settings);
    DatabaseMigrations.migrate(instanceA);
  }

  @AfterAll
  static void stopInstances() {
    instanceA.close();
    instanceB.close();
  }

  @BeforeEach
  void empty() {
    TestDatabase.truncate(instanceA);
  }

  private static void accept(int users, int perUser) {
    List<NewMessage> batch = new ArrayList<>();
    for (int i = 0; i < perUser; i++) {
      for (int u = 0; u < users; u++) {
        batch.add(Messages.accepted("u" + u + "-" + i, "u" + u, CLOCK.instant()));
      }
    }
    JdbcMessageLog log = new JdbcMessageLog(instanceA, JSON, CLOCK);
    for (int from = 0; from < batch.size(); from += 100) {
      log.record(batch.subList(from, Math.min(batch.size(), from + 100)));
    }
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = instanceA.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void twoClaimersOnTwoConnectionsNeverHoldTheSameJob() throws Exception {
    accept(500, 1);
    List<Long> claimed = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> claimers = new ArrayList<>();
    for (HikariDataSource instance : List.of(instanceA, instanceB)) {
      JdbcDeliveryQueue queue = new JdbcDeliveryQueue(instance, JSON, CLOCK);
      claimers.add(
          pool.submit(
              () -> {
                List<DeliveryJob> jobs;
                while (!(jobs = queue.claim("w-" + instance.hashCode(), 10, Duration.ofMinutes(1)))
                    .isEmpty()) {
                  for (DeliveryJob job : jobs) {
                    claimed.add(job.id().value());
                    queue.complete(job, new DeliveryOutcome.Delivered(List.of()));
                  }
                }
                return null;
              }));
    }
    for (Future<?> claimer : claimers) {
      claimer.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(claimed).hasSize(500).doesNotHaveDuplicates();
  }

  @Test
  void eightThreadsInsertingTheSameThousandMessagesStoreEachOnceWithOneJob() throws Exception {
    List<NewMessage> messages = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      messages.add(Messages.accepted("dup-" + i, "u" + (i % 50), CLOCK.instant()));
    }
    AtomicInteger stored = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> inserters = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      List<NewMessage> mine = new ArrayList<>(messages);
      Collections.shuffle(
          mine, new Random(t)); // every thread in its own order: no deadlock either way
      JdbcMessageLog log = new JdbcMessageLog(t % 2 == 0 ? instanceA : instanceB, JSON, CLOCK);
      inserters.add(
          pool.submit(
              () -> {
                for (int from = 0; from < mine.size(); from += 100) {
                  for (RecordOutcome outcome : log.record(mine.subList(from, from + 100))) {
                    if (outcome == RecordOutcome.STORED) {
                      stored.incrementAndGet();
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> inserter : inserters) {
      inserter.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(stored.get()).isEqualTo(1000);
    assertThat(count("SELECT count(*) FROM messages")).isEqualTo(1000);
    assertThat(count("SELECT count(*) FROM delivery_jobs")).isEqualTo(1000);
  }

  @Test
  void eachUsersOrderHoldsUnderFourConcurrentClaimers() throws Exception {
    accept(20, 25);
    Map<String, List<Integer>> deliveredInOrder = new ConcurrentHashMap<>();
    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> claimers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      JdbcDeliveryQueue queue =
          new JdbcDeliveryQueue(w % 2 == 0 ? instanceA : instanceB, JSON, CLOCK);
      String worker = "w" + w;
      claimers.add(
          pool.submit(
              () -> {
                int idle = 0;
                while (idle < 20) {
                  List<DeliveryJob> jobs = queue.claim(worker, 5, Duration.ofMinutes(1));
                  idle = jobs.isEmpty() ? idle + 1 : 0;
                  for (DeliveryJob job : jobs) {
                    String user = job.orderingKey().value();
                    if (!inFlight.add(user)) {
                      overlaps.incrementAndGet();
                    }
                    String id = job.message().messageId().value();
                    deliveredInOrder
                        .computeIfAbsent(user, k -> new CopyOnWriteArrayList<>())
                        .add(Integer.parseInt(id.substring(id.indexOf('-') + 1)));
                    inFlight.remove(user);
                    queue.complete(job, new DeliveryOutcome.Delivered(List.of()));
                  }
                  Thread.sleep(jobs.isEmpty() ? 5 : 0);
                }
                return null;
              }));
    }
    for (Future<?> claimer : claimers) {
      claimer.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(overlaps.get()).as("one user's jobs never in flight at once").isZero();
    assertThat(deliveredInOrder).hasSize(20);
    for (List<Integer> sequence : deliveredInOrder.values()) {
      assertThat(sequence).hasSize(25).isSorted();
    }
  }

  @Test
  void aJobWhoseLeaseRanOutIsTakenOverByAnotherInstance() {
    accept(1, 1);
    JdbcDeliveryQueue a = new JdbcDeliveryQueue(instanceA, JSON, CLOCK);
    JdbcDeliveryQueue b = new JdbcDeliveryQueue(instanceB, JSON, CLOCK);
    DeliveryJob abandoned = a.claim("instance-a", 1, Duration.ofMillis(300)).get(0);
    assertThat(b.claim("instance-b", 1, Duration.ofMinutes(1))).isEmpty();

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !b.claim("instance-b", 1, Duration.ofMinutes(1)).isEmpty());
    assertThat(a.complete(abandoned, new DeliveryOutcome.Delivered(List.of()))).isFalse();
  }

  @Test
  void theSharedLimiterLetsRequestsGoAtLeastOneIntervalApartAcrossInstances() throws Exception {
    Duration interval = Duration.ofMillis(200);
    List<JdbcRateLimiter> limiters =
        List.of(new JdbcRateLimiter(instanceA, CLOCK), new JdbcRateLimiter(instanceB, CLOCK));
    Instant start = CLOCK.instant();
    Instant end = start.plusSeconds(3);
    List<Instant> sent = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> callers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      JdbcRateLimiter limiter = limiters.get(t % 2);
      callers.add(
          pool.submit(
              () -> {
                while (CLOCK.instant().isBefore(end)) {
                  Duration wait = limiter.reserve("account-1", interval);
                  Thread.sleep(wait.toMillis(), (int) (wait.toNanosPart() % 1_000_000));
                  Duration more = limiter.admit("account-1", interval);
                  Thread.sleep(more.toMillis(), (int) (more.toNanosPart() % 1_000_000));
                  Instant now = CLOCK.instant();
                  if (now.isBefore(end)) {
                    sent.add(now);
                  }
                }
                return null;
              }));
    }
    for (Future<?> caller : callers) {
      caller.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    List<Instant> inOrder = sent.stream().sorted().toList();
    // the limiter lets requests go an interval apart; a sender's sleep may overshoot by a few
    // milliseconds, which is
    // what the adapter's 3 % margin is for (ActiveCampaignRates.USED)
    for (int i = 1; i < inOrder.size(); i++) {
      assertThat(Duration.between(inOrder.get(i - 1), inOrder.get(i)))
          .as("gap before request %d", i)
          .isGreaterThanOrEqualTo(interval.minusMillis(15));
    }
    assertThat(sent.size())
        .as("requests sent in 3 s at 5/s")
        .isLessThanOrEqualTo(15)
        .isGreaterThanOrEqualTo(13);
    Map<Long, Integer> perSecond = new HashMap<>();
    for (Instant at : sent) {
      perSecond.merge(Duration.between(start, at).toMillis() / 1000, 1, Integer::sum);
    }
    assertThat(new HashSet<>(perSecond.keySet())).containsExactlyInAnyOrder(0L, 1L, 2L);
  }
}
