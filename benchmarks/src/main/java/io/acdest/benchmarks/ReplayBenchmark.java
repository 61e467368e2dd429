package io.acdest.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.acdest.adapters.persistence.DatabaseMigrations;
import io.acdest.adapters.persistence.JdbcAttemptLog;
import io.acdest.adapters.persistence.JdbcDeliveryQueue;
import io.acdest.adapters.persistence.JdbcMessageLog;
import io.acdest.adapters.persistence.Messages;
import io.acdest.adapters.persistence.PersistenceJson;
import io.acdest.adapters.persistence.PersistenceModule;
import io.acdest.adapters.persistence.TestDatabase;
import io.acdest.application.ReplayService;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.Route;
import io.acdest.domain.delivery.Routes;
import io.acdest.domain.model.ListIdFormat;
import io.acdest.domain.port.out.NewMessage;
import io.acdest.domain.port.out.Suppressions;
import io.acdest.domain.replay.Replay;
import io.acdest.domain.replay.ReplayRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * A backfill's pace against its destination's ceiling, with live calls beside it (docs/performance.md, "Replay").
 * {@code messages} tracks of 1,000 users are stored and delivered to destination {@code a}; a replay then sends them
 * to a new destination {@code b} whose "CRM" takes at most {@code ceiling} deliveries a second (4 workers sharing one
 * budget), while live calls to {@code b} arrive at {@code live} a second. Reports the backfill's rate beside the
 * ceiling, the live calls' accept → delivered p50 / p95 during the replay and without one, and the disk the store
 * takes per message.
 *
 * <pre>mvn -q -pl benchmarks -am install -DskipTests &amp;&amp; mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.acdest.benchmarks.ReplayBenchmark</pre>
 *
 * Optional arguments: messages (default 100000), ceiling per second (default 500), live calls per second (default
 * 20).
 */
public final class ReplayBenchmark {
  private static final Logger LOG = Logger.getLogger(ReplayBenchmark.class.getName());
  private static final PersistenceJson JSON = new PersistenceJson();
  private static final Clock CLOCK = Clock.systemUTC();
  private static final DestinationId A = new DestinationId("a");
  private static final DestinationId B = new DestinationId("b");
  private static final Set<DeliveryLane> EVERY_LANE = EnumSet.allOf(DeliveryLane.class);

  private ReplayBenchmark() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int ceiling = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int live = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    try (HikariDataSource db = TestDatabase.newDatabase(8)) {
      DatabaseMigrations.migrate(db);
      JdbcMessageLog log = new JdbcMessageLog(db, JSON, CLOCK);
      Instant from = CLOCK.instant().minusSeconds(1);
      for (int first = 0; first < messages; first += 100) {
        List<NewMessage> batch = new ArrayList<>(100);
        for (int i = first; i < Math.min(messages, first + 100); i++) {
          batch.add(toA(Messages.accepted("m-" + i, "user-" + (i % 1_000), CLOCK.instant())));
        }
        log.record(batch);
      }
      drainInstantly(db, A);
      Instant to = CLOCK.instant().plusSeconds(1);
      long bytes = storeBytes(db);
      LOG.info(
          () ->
              String.format(
                  "store: %,d messages delivered to one destination (one request each) take %,d bytes"
                      + " (%.0f bytes per message: %.1f GB a month at 10 calls a second)",
                  messages,
                  bytes,
                  (double) bytes / messages,
                  (double) bytes / messages * 10 * 86_400 * 30 / 1e9));

      List<Long> quiet =
          liveLatencies(db, log, ceiling, live, Duration.ofSeconds(20), Optional.empty());
      LOG.info(() -> "live calls alone:        " + percentiles(quiet));

      ReplayService replays =
          new ReplayService(
              PersistenceModule.replays(db, JSON),
              new Routes(List.of(route(A), route(B))),
              nothing(),
              CLOCK);
      Replay replay =
          replays
              .start(
                  new ReplayRequest(
                      B, from, to, Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(), false))
              .replay();
      long started = System.nanoTime();
      List<Long> during =
          liveLatencies(
              db,
              log,
              ceiling,
              live,
              Duration.ofHours(1),
              Optional.of(
                  () -> {
                    replays.advance();
                    return replays.find(replay.id()).orElseThrow().state() == Replay.State.DONE;
                  }));
      double seconds = (System.nanoTime() - started) / 1e9;
      LOG.info(
          () ->
              String.format(
                  "backfill: %,d messages in %.1f s = %.0f per second against a ceiling of %d (%.0f%%, the live"
                      + " calls take their share)",
                  messages,
                  seconds,
                  messages / seconds,
                  ceiling,
                  100 * messages / seconds / ceiling));
      LOG.info(() -> "live calls during it:    " + percentiles(during));
    }
  }

  /**
   * Sends live calls to {@code b} at {@code perSecond} while 4 workers deliver {@code b}'s queue within one shared
   * budget of {@code ceiling} a second, until {@code done} says so (or {@code atMost}); each live call's accept →
   * delivered time in milliseconds.
   */
  private static List<Long> liveLatencies(
      HikariDataSource db,
      JdbcMessageLog log,
      int ceiling,
      int perSecond,
      Duration atMost,
      Optional<java.util.function.BooleanSupplier> done)
      throws Exception {
    Map<String, Long> accepted = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    Budget budget = new Budget(ceiling);
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String worker = "bench-" + w;
      JdbcDeliveryQueue queue = new JdbcDeliveryQueue(db, JSON, CLOCK);
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (running.get()) {
                      List<DeliveryJob> jobs =
                          queue.claim(worker, B, EVERY_LANE, 4, Duration.ofMinutes(1));
                      if (jobs.isEmpty()) {
                        sleep(5);
                        continue;
                      }
                      for (DeliveryJob job : jobs) {
                        budget.take();
                        queue.complete(job, new DeliveryOutcome.Delivered(List.of()));
                        Long at = accepted.remove(job.message().messageId().value());
                        if (at != null) {
                          latencies.add((System.nanoTime() - at) / 1_000_000);
                        }
                      }
                    }
                  }));
    }
    long end = System.nanoTime() + atMost.toNanos();
    long sent = 0;
    long start = System.nanoTime();
    while (System.nanoTime() < end) {
      if (done.isPresent() && done.get().getAsBoolean()) {
        break;
      }
      long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
      for (; sent < due; sent++) {
        String id = "live-" + System.nanoTime() + "-" + sent;
        accepted.put(id, System.nanoTime());
        log.record(
            List.of(toB(Messages.accepted(id, "live-user-" + (sent % 50), CLOCK.instant()))));
      }
      sleep(done.isPresent() ? 20 : 5);
    }
    while (!accepted.isEmpty() && System.nanoTime() < end + 30_000_000_000L) {
      sleep(20);
    }
    running.set(false);
    for (Thread worker : workers) {
      worker.join();
    }
    return new ArrayList<>(latencies);
  }

  /** A budget of {@code perSecond} deliveries a second shared by the workers: the destination's ceiling. */
  private static final class Budget {
    private final long interval;
    private long next = System.nanoTime();

    Budget(int perSecond) {
      this.interval = 1_000_000_000L / perSecond;
    }

    void take() {
      long wait;
      synchronized (this) {
        long now = System.nanoTime();
        next = Math.max(next, now) + interval;
        wait = next - interval - now;
      }
      if (wait > 0) {
        sleep(wait / 1_000_000);
      }
    }
  }

  private static void drainInstantly(HikariDataSource db, DestinationId destination) {
    JdbcDeliveryQueue queue = new JdbcDeliveryQueue(db, JSON, CLOCK);
    JdbcAttemptLog attempts = new JdbcAttemptLog(db);
    List<DeliveryJob> jobs;
    while (!(jobs = queue.claim("fill", destination, EVERY_LANE, 500, Duration.ofMinutes(1)))
        .isEmpty()) {
      for (DeliveryJob job : jobs) {
        // the one request a delivered track takes, filed as the service files it
        attempts.record(
            new Attempt(
                job.id(),
                "event",
                Optional.of(200),
                Duration.ofMillis(120),
                Optional.empty(),
                Optional.empty(),
                CLOCK.instant(),
                Optional.of("POST /event (Clicked a button)")));
        queue.complete(job, new DeliveryOutcome.Delivered(List.of()));
      }
    }
  }

  private static long storeBytes(HikariDataSource db) throws Exception {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("VACUUM ANALYZE");
      try (ResultSet row =
          statement.executeQuery(
              "SELECT pg_total_relation_size('messages') + pg_total_relation_size('delivery_jobs')"
                  + " + pg_total_relation_size('attempts')")) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static String percentiles(List<Long> latencies) {
    if (latencies.isEmpty()) {
      return "none";
    }
    List<Long> sorted = latencies.stream().sorted().toList();
    return String.format(
        "%d calls, accept → delivered p50 %d ms, p95 %d ms, max %d ms",
        sorted.size(),
        sorted.get(sorted.size() / 2),
        sorted.get((int) (sorted.size() * 0.95)),
        sorted.getLast());
  }

  private static NewMessage toA(NewMessage message) {
    return to(message, A);
  }

  private static NewMessage toB(NewMessage message) {
    return to(message, B);
  }

  private static NewMessage to(NewMessage message, DestinationId destination) {
    return new NewMessage(
        message.key(),
        message.call(),
        message.timestamp(),
        message.state(),
        message.reason(),
        message.warnings(),
        message.unmapped(),
        message.orderingKey(),
        List.of(destination));
  }

  private static Route route(DestinationId destination) {
    return Route.everySourceTo(
        destination, new IntegrationsFilter(destination.value()), ListIdFormat.ANY);
  }

  private static Suppressions nothing() {
    return new Suppressions() {
      @Override
      public Set<String> suppressedAmong(Set<String> hashes) {
        return Set.of();
      }

      @Override
      public String suppress(Set<String> hashes, Instant at) {
        throw new UnsupportedOperationException("the benchmark suppresses no one");
      }

      @Override
      public boolean lift(String suppressionId) {
        return false;
      }
    };
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
