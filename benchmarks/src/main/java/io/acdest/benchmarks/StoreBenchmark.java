package io.acdest.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.acdest.adapters.persistence.DatabaseMigrations;
import io.acdest.adapters.persistence.JdbcDeliveryQueue;
import io.acdest.adapters.persistence.JdbcMessageLog;
import io.acdest.adapters.persistence.Messages;
import io.acdest.adapters.persistence.PersistenceJson;
import io.acdest.adapters.persistence.TestDatabase;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.port.out.NewMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The PostgreSQL store's throughput: messages and jobs inserted per second through the accept transaction
 * (batches of 100), from one and from four threads; and jobs claimed and completed per second by four workers.
 *
 * <pre>mvn -q -pl benchmarks -am install -DskipTests &amp;&amp; mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.acdest.benchmarks.StoreBenchmark</pre>
 *
 * Optional arguments: messages per run (default 20000), users (default 1000).
 */
public final class StoreBenchmark {
  private static final Logger LOG = Logger.getLogger(StoreBenchmark.class.getName());
  private static final PersistenceJson JSON = new PersistenceJson();
  private static final Clock CLOCK = Clock.systemUTC();

  private StoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    try (HikariDataSource db = TestDatabase.newDatabase(8)) {
      DatabaseMigrations.migrate(db);
      report("warm-up (discarded)", insert(db, 2_000, users, 1, "warm"), 2_000);
      TestDatabase.truncate(db);

      double oneThread = insert(db, messages, users, 1, "a");
      report("accept, batches of 100, 1 thread", oneThread, messages);
      double fourThreads = insert(db, messages, users, 4, "b");
      report("accept, batches of 100, 4 threads", fourThreads, messages);

      double drain = drain(db, 4);
      report("claim + complete, 4 workers, claim limit 10", drain, 2L * messages);
    }
  }

  /** Inserts {@code count} messages (and their jobs) in batches of 100 from {@code threads} threads; seconds taken. */
  private static double insert(
      HikariDataSource db, int count, int users, int threads, String prefix) throws Exception {
    JdbcMessageLog log = new JdbcMessageLog(db, JSON, CLOCK);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    int perThread = count / threads;
    long start = System.nanoTime();
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      work.add(
          pool.submit(
              () -> {
                for (int from = 0; from < perThread; from += 100) {
                  List<NewMessage> batch = new ArrayList<>(100);
                  for (int i = from; i < Math.min(perThread, from + 100); i++) {
                    int n = thread * perThread + i;
                    batch.add(
                        Messages.accepted(
                            prefix + "-" + n, "user-" + (n % users), CLOCK.instant()));
                  }
                  log.record(batch);
                }
                return null;
              }));
    }
    for (Future<?> w : work) {
      w.get();
    }
    pool.shutdown();
    return (System.nanoTime() - start) / 1e9;
  }

  /** Claims and completes every pending job with {@code workers} workers; seconds taken. */
  private static double drain(HikariDataSource db, int workers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> work = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      String worker = "worker-" + w;
      JdbcDeliveryQueue queue = new JdbcDeliveryQueue(db, JSON, CLOCK);
      work.add(
          pool.submit(
              () -> {
                List<DeliveryJob> jobs;
                while (!(jobs = queue.claim(worker, 10, Duration.ofMinutes(1))).isEmpty()) {
                  for (DeliveryJob job : jobs) {
                    queue.complete(job, new DeliveryOutcome.Delivered(List.of()));
                    done.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> w : work) {
      w.get();
    }
    pool.shutdown();
    LOG.info(() -> "jobs drained: " + done.get());
    return (System.nanoTime() - start) / 1e9;
  }

  private static void report(String what, double seconds, long count) {
    LOG.info(
        () ->
            String.format(
                "%-45s %8d in %6.2f s = %8.0f per second", what, count, seconds, count / seconds));
  }
}
