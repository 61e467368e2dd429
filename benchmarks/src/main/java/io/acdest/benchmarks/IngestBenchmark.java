package io.acdest.benchmarks;

import io.acdest.bootstrap.Launcher;
import io.acdest.bootstrap.ServiceSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * B1 (and B4) in docs/performance.md: ingest through the running service: {@code /v1/batch} with 100 events per request from 32
 * concurrent clients for a fixed time, against the embedded defaults (embedded PostgreSQL, built-in sandbox).
 * First, on the service's fresh store, what its PostgreSQL commits alone ({@link DatabaseAlone}, pgbench, 30 s); then
 * the load. Reports accepted events per second, request latency p50/p99 and the heap in use after a full GC (sampled
 * every 30 s), the ratio to the database alone; then, as the older baseline, the same number of rows inserted by
 * plain JDBC batches on one connection.
 *
 * <pre>mvn -q -pl benchmarks -am install -DskipTests &amp;&amp; mvn -q -pl benchmarks exec:java -Dexec.mainClass=io.acdest.benchmarks.IngestBenchmark</pre>
 *
 * Optional arguments: seconds (default 60), clients (default 32). With {@code INGEST_PORT} set, it loads a service
 * already listening on that port of this machine instead (write key {@value #WRITE_KEY}), and runs no baseline.
 */
public final class IngestBenchmark {
  private static final Logger LOG = Logger.getLogger(IngestBenchmark.class.getName());
  private static final String WRITE_KEY = "benchmark-write-key";

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    String external = System.getenv("INGEST_PORT");
    if (external != null) {
      // a service started elsewhere (for a profile of the service alone): load only, no baseline
      run(Integer.parseInt(external), seconds, clients);
      return;
    }
    Path dataDir = Files.createTempDirectory("acdest-ingest-benchmark");
    Launcher launcher =
        new Launcher(
            ServiceSettings.fromEnvironment(
                Map.of(
                    "HTTP_PORT",
                    "0",
                    "DATA_DIR",
                    dataDir.toString(),
                    "WRITE_KEYS",
                    WRITE_KEY,
                    "DATABASE_POOL_SIZE",
                    "16")));
    launcher.start();
    long accepted;
    OptionalDouble alone;
    try {
      alone =
          DatabaseAlone.rowsPerSecond(
              launcher.injector().getInstance(DataSource.class), clients, 30);
      accepted = run(launcher.port(), seconds, clients);
      try (java.sql.Connection c =
              launcher.injector().getInstance(DataSource.class).getConnection();
          java.sql.ResultSet done =
              c.createStatement()
                  .executeQuery("SELECT count(*) FROM delivery_jobs WHERE status = 'finished'")) {
        done.next();
        // the workers make way for a burst (decision 0032), but never stop: this says how far they
        // got
        LOG.info(String.format("deliveries finished meanwhile: %d", done.getLong(1)));
      }
    } finally {
      launcher.stop();
    }
    double serviceRate = accepted / (double) seconds;
    alone.ifPresent(
        rows ->
            LOG.info(
                String.format(
                    "service / database alone: %.0f events/s against %.0f rows/s = %.2f "
                        + "(against its %.0f messages/s: %.2f)",
                    serviceRate, rows, serviceRate / rows, rows / 2, serviceRate / (rows / 2))));
    double baselineRate = JdbcBaseline.rowsPerSecond((int) Math.min(accepted, 500_000));
    LOG.info(
        String.format(
            "baseline, plain JDBC batches of 100 on one connection: %.0f rows/s (messages + jobs); "
                + "service / baseline = %.2f",
            baselineRate, serviceRate / baselineRate));
  }

  static long run(int port, int seconds, int clients) throws Exception {
    HttpClient http =
        HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
    URI batchUri = URI.create("http://127.0.0.1:" + port + "/v1/batch");
    AtomicLong sequence = new AtomicLong();
    AtomicLong accepted = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    long warmUpEnd = System.nanoTime() + 5_000_000_000L;
    long end = warmUpEnd + seconds * 1_000_000_000L;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Thread heapSampler =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    while (true) {
                      Thread.sleep(30_000);
                      System.gc();
                      LOG.info(
                          String.format(
                              "heap in use after full GC: %d MiB",
                              memory.getHeapMemoryUsage().getUsed() >> 20));
                    }
                  } catch (InterruptedException stop) {
                    // done
                  }
                });
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<java.util.concurrent.Future<?>> work = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      work.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  String body = batch(sequence.getAndAdd(100));
                  long start = System.nanoTime();
                  HttpResponse<String> response =
                      http.send(
                          HttpRequest.newBuilder(batchUri)
                              .header("Content-Type", "application/json")
                              .header("Authorization", auth)
                              .POST(HttpRequest.BodyPublishers.ofString(body))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  long took = System.nanoTime() - start;
                  if (start >= warmUpEnd) {
                    if (response.statusCode() == 200) {
                      accepted.addAndGet(100);
                      latencies.add(took);
                    } else {
                      failed.incrementAndGet();
                    }
                  }
                }
                return null;
              }));
    }
    for (var w : work) {
      w.get();
    }
    pool.shutdown();
    heapSampler.interrupt();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.gc();
    long heapAfterGc = memory.getHeapMemoryUsage().getUsed();
    long heapMax = memory.getHeapMemoryUsage().getMax();
    LOG.info(
        String.format(
            "%d clients, %d s (after 5 s warm-up): %d events accepted = %.0f events/s; %d requests failed",
            clients, seconds, accepted.get(), accepted.get() / (double) seconds, failed.get()));
    LOG.info(
        String.format(
            "request latency (100 events): p50 %.1f ms, p99 %.1f ms, max %.1f ms",
            percentile(sorted, 0.50),
            percentile(sorted, 0.99),
            sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6));
    LOG.info(
        String.format(
            "heap in use after full GC: %d MiB (max %d MiB)", heapAfterGc >> 20, heapMax >> 20));
    return accepted.get();
  }

  private static double percentile(List<Long> sorted, double p) {
    return sorted.isEmpty()
        ? 0
        : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
  }

  private static String batch(long first) {
    StringBuilder body = new StringBuilder(100 * 200).append("{\"batch\":[");
    for (long i = first; i < first + 100; i++) {
      body.append(i == first ? "" : ",")
          .append("{\"type\":\"track\",\"messageId\":\"b-")
          .append(i)
          .append("\",\"userId\":\"user-")
          .append(i % 5000)
          .append(
              "\",\"event\":\"Clicked a button\",\"properties\":{\"acValue\":\"Signup button\",\"plan\":\"pro\"},")
          .append("\"timestamp\":\"2026-11-28T10:00:00Z\"}");
    }
    return body.append("]}").toString();
  }
}
