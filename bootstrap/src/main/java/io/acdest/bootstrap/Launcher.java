package io.acdest.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.util.Modules;
import com.zaxxer.hikari.HikariDataSource;
import io.acdest.adapters.http.ConsoleApi;
import io.acdest.adapters.http.DeliveryReportApi;
import io.acdest.adapters.http.Guesses;
import io.acdest.adapters.http.HomePage;
import io.acdest.adapters.http.HttpInModule;
import io.acdest.adapters.http.OperationsApi;
import io.acdest.adapters.http.ReplayApi;
import io.acdest.adapters.http.StrictHttp;
import io.acdest.adapters.http.TrackingApi;
import io.acdest.adapters.http.TrackingJson;
import io.acdest.adapters.http.WriteKeys;
import io.acdest.adapters.persistence.DatabaseSettings;
import io.acdest.adapters.persistence.JdbcAttemptLog;
import io.acdest.adapters.persistence.MessageReaper;
import io.acdest.adapters.persistence.PersistenceModule;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.in.ErasureUseCase;
import io.acdest.domain.port.in.IngestCallsUseCase;
import io.acdest.domain.port.in.MessageAdminUseCase;
import io.acdest.domain.port.in.ReplayUseCase;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.OperationsReadModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: one injector over every module, the HTTP server, the delivery workers and the reaper, and
 * the embedded defaults (docs/behaviour.md §6) where nothing else is configured. {@link #start()} and {@link #stop()}
 * let tests run the real service in-process.
 */
public final class Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

  /** Long enough for a request in flight to finish (its timeout) and its outcome to be recorded. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

  private static final Duration REAP_EVERY = Duration.ofMinutes(10);

  /** Threads that parse and store tracking requests: as many as the database pool has connections, and a few more. */
  private static final int INTAKE_THREADS = 16;

  private final ServiceSettings settings;
  private final Clock clock = Clock.systemUTC();
  private final String instance = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
  private Metrics metrics;
  private Vertx vertx;
  private EmbeddedDatabase embedded;
  private final List<CrmConnection> crms = new java.util.ArrayList<>();
  private Injector injector;
  private HttpServer server;
  private final List<DeliveryWorkers> workers = new java.util.ArrayList<>();
  private Thread reaper;
  private Thread replayer;
  private static final Duration REPLAY_BUSY = Duration.ofMillis(20);
  private static final Duration REPLAY_IDLE = Duration.ofMillis(500);
  private Thread pauseWatch;

  /** How often the pauses in force are looked at, to log each beginning and end. */
  private static final Duration PAUSE_WATCH = Duration.ofSeconds(2);

  private boolean started;

  public Launcher(ServiceSettings settings) {
    this.settings = settings;
  }

  /** Starts everything; throws (after stopping what had started) when something cannot start. */
  public synchronized void start() {
    try {
      startAll();
      started = true;
    } catch (RuntimeException failure) {
      stop();
      throw failure;
    }
  }

  private void startAll() {
    metrics = new Metrics();
    vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(
                        // the local address tells apart the HTTP servers of one process (the
                        // service's and the sandbox's), the client name its HTTP clients (one
                        // per destination): their gauges would otherwise collide
                        new MicrometerMetricsOptions()
                            .setEnabled(true)
                            .addLabels(Label.LOCAL, Label.CLIENT_NAME)))
            .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
            .build();

    DatabaseSettings database =
        settings
            .database()
            .orElseGet(
                () -> {
                  LOG.info(
                      "DATABASE_URL is not set: starting the embedded PostgreSQL under {}",
                      settings.dataDir().toAbsolutePath());
                  embedded = EmbeddedDatabase.start(settings.dataDir());
                  return embedded.settings(10);
                });
    WriteKeys writeKeys = Senders.writeKeys(settings);
    List<ApplicationModule.Routed> routed = new java.util.ArrayList<>();
    for (ServiceSettings.ChosenCrm destination : settings.delivering()) {
      CrmConnection connection = CrmConnection.open(destination, settings.dataDir());
      crms.add(connection);
      routed.add(
          new ApplicationModule.Routed(
              destination.destination(),
              destination.kind().name(),
              connection.module(),
              destination.sources()));
    }
    DestinationPauses everyPause =
        new DestinationPauses(routed.stream().map(ApplicationModule.Routed::id).toList(), clock);
    boolean sandboxed = crms.get(0).sandboxed();

    injector =
        Guice.createInjector(
            new ApplicationModule(
                settings.delivery(),
                settings.deliveryLease(),
                settings.retention().retention(),
                routed),
            // ids learnt before they were kept per account belong to the account delivered to
            // then, the first destination's, unless that is a built-in sandbox (which forgot them)
            Modules.override(new PersistenceModule(database, settings.retention(), !sandboxed))
                .with(
                    new AbstractModule() {
                      @Provides
                      @Singleton
                      AttemptLog attempts(DataSource dataSource) {
                        return metrics.metered(new JdbcAttemptLog(dataSource));
                      }
                    }),
            new HttpInModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Vertx.class).toInstance(vertx);
                bind(io.acdest.domain.port.out.DeliveryPauses.class).toInstance(everyPause);
              }
            });

    DeliveryQueue queue = injector.getInstance(DeliveryQueue.class);
    endDeliveriesNoLongerConfigured(
        queue,
        routed.stream()
            .map(ApplicationModule.Routed::id)
            .collect(java.util.stream.Collectors.toSet()));
    metrics.queueDepth(queue);
    metrics.queueAge(injector.getInstance(OperationsReadModel.class), clock);
    metrics.pauses(everyPause.each(), clock);
    OperatorLog operatorLog = new OperatorLog(clock);
    IntakeLoad intakeLoad = new IntakeLoad();
    Map<DestinationId, DeliverCallUseCase> deliveries =
        injector.getInstance(
            new com.google.inject.Key<Map<DestinationId, DeliverCallUseCase>>() {});
    for (Map.Entry<DestinationId, DeliverCallUseCase> delivery : deliveries.entrySet()) {
      workers.add(
          new DeliveryWorkers(
              queue,
              OperatorLogged.deliveries(
                  metrics.metered(delivery.getValue(), clock, everyPause.setBy(delivery.getKey())),
                  operatorLog),
              Map.of(
                  DeliveryLane.CONTACTS,
                  settings.deliveryWorkers(),
                  DeliveryLane.ACTIVITY,
                  settings.activityWorkers()),
              workers.isEmpty() ? instance : instance + "-" + delivery.getKey(),
              settings.deliveryLease(),
              delivery.getKey(),
              intakeLoad));
    }

    MessageAdminUseCase admin =
        OperatorLogged.admin(injector.getInstance(MessageAdminUseCase.class), operatorLog);
    ErasureUseCase erasures =
        OperatorLogged.erasures(injector.getInstance(ErasureUseCase.class), operatorLog);
    io.acdest.domain.port.out.OperationsReadModel reads =
        injector.getInstance(io.acdest.domain.port.out.OperationsReadModel.class);
    pauseWatch =
        operatorLog.watchPauses(
            () -> {
              List<io.acdest.domain.port.out.DeliveryOverview.Pause> inForce =
                  new java.util.ArrayList<>(everyPause.active());
              inForce.addAll(reads.budgetPauses(clock.instant()));
              return inForce;
            },
            PAUSE_WATCH);
    Router router = Router.router(vertx);
    new TrackingApi(
            vertx,
            metrics.metered(
                intakeLoad.counting(injector.getInstance(IngestCallsUseCase.class)),
                () -> workers.forEach(DeliveryWorkers::wake)),
            writeKeys,
            injector.getInstance(TrackingJson.class),
            clock,
            settings.sharedSecret(),
            settings.corsAllowedOrigins(),
            settings.http().intakeBytes(),
            vertx.createSharedWorkerExecutor(TrackingApi.INTAKE_WORKERS, INTAKE_THREADS))
        .mount(router);
    Optional<java.util.function.Supplier<Object>> sandboxState =
        crms.stream().flatMap(c -> c.sandboxState().stream()).findFirst();
    Guesses guesses = new Guesses(clock);
    ServiceHealthCheck health =
        new ServiceHealthCheck(
            injector.getInstance(DataSource.class), everyPause.each(), sandboxed);
    new OperationsApi(
            vertx,
            health,
            admin,
            erasures,
            metrics::scrape,
            settings.adminToken(),
            sandboxState,
            settings.httpSecurity(),
            guesses)
        .mount(router);
    new ConsoleApi(
            vertx,
            admin,
            erasures,
            settings.adminToken(),
            sandboxState,
            settings.httpSecurity(),
            guesses,
            clock)
        .mount(router);
    new ReplayApi(
            vertx,
            OperatorLogged.replays(injector.getInstance(ReplayUseCase.class), operatorLog),
            clock)
        .mount(router);
    new DeliveryReportApi(vertx, admin).mount(router);
    new HomePage(
            vertx,
            health,
            Optional.ofNullable(Launcher.class.getPackage().getImplementationVersion())
                .orElse("development build"),
            settings.adminToken().isPresent())
        .mount(router);
    StrictHttp strict = new StrictHttp(vertx, settings.http());
    server =
        await(
            vertx
                .createHttpServer(strict.options())
                .connectionHandler(strict.connections())
                .requestHandler(strict.requests(router))
                .listen(settings.httpPort(), settings.http().bindAddress()));

    workers.forEach(DeliveryWorkers::start);
    MessageReaper messageReaper = injector.getInstance(MessageReaper.class);
    reaper = Thread.ofVirtual().name("reaper").start(() -> reapPeriodically(messageReaper));
    ReplayUseCase replayUseCase = injector.getInstance(ReplayUseCase.class);
    replayer =
        Thread.ofVirtual()
            .name("replays")
            .start(
                () ->
                    replayPeriodically(
                        replayUseCase, () -> workers.forEach(DeliveryWorkers::wake)));
    LOG.info(
        "ActiveCampaign Destination listening on port {}, delivering to {} with {} delivery workers each"
            + " (instance {}: its leases show as lease_owner {}-worker-N)",
        server.actualPort(),
        String.join(", ", deliveries.keySet().stream().map(DestinationId::value).toList()),
        workers.get(0).sizes(),
        instance,
        instance);
    LOG.info(
        "console: {}; metrics: http://localhost:{}/metrics; health: http://localhost:{}/health/ready",
        settings.adminToken().isPresent()
            ? "http://localhost:" + server.actualPort() + "/console/ (sign in with ADMIN_TOKEN)"
            : "off (set ADMIN_TOKEN to turn it on)",
        server.actualPort(),
        server.actualPort());
  }

  /**
   * Ends the unfinished deliveries to destinations that are no longer configured (removed or disabled), each with
   * its reason, and says how many: they are neither delivered nor dead, and the operator should know.
   */
  private static void endDeliveriesNoLongerConfigured(
      DeliveryQueue queue, java.util.Set<DestinationId> delivering) {
    queue
        .endDeliveriesExcept(delivering)
        .forEach(
            (gone, count) ->
                LOG.warn(
                    "destination {} is no longer enabled: its {} unfinished deliveries were ended"
                        + " (see them with GET /admin/messages?state=skipped)",
                    gone,
                    count));
  }

  /**
   * Moves the running replays on: at once while they queue work (the workers are woken for it), every {@link
   * #REPLAY_IDLE} while they wait for their destinations' queues to drain or there are none.
   */
  private static void replayPeriodically(ReplayUseCase replays, Runnable wake) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        if (replays.advance()) {
          wake.run();
          Thread.sleep(REPLAY_BUSY);
        } else {
          Thread.sleep(REPLAY_IDLE);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("a replay step failed, retrying shortly: {}", e.getMessage());
        try {
          Thread.sleep(REPLAY_IDLE);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  private static void reapPeriodically(MessageReaper messageReaper) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        int reaped = messageReaper.reap();
        if (reaped > 0) {
          LOG.info("retention: deleted {} expired messages", reaped);
        }
        Thread.sleep(REAP_EVERY);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("retention run failed: {}", e.getMessage());
      }
    }
  }

  /**
   * Stops accepting, lets in-flight deliveries finish (bounded), then closes the pool, the sandbox, the embedded
   * database and Vert.x. Safe to call more than once and after a failed start.
   */
  public synchronized void stop() {
    if (server != null) {
      quietly(() -> await(server.close()));
      server = null;
    }
    workers.forEach(w -> w.stop(SHUTDOWN_GRACE));
    workers.clear();
    if (reaper != null) {
      reaper.interrupt();
      reaper = null;
    }
    if (replayer != null) {
      replayer.interrupt();
      try {
        replayer.join(SHUTDOWN_GRACE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      replayer = null;
    }
    if (pauseWatch != null) {
      pauseWatch.interrupt();
      pauseWatch = null;
    }
    if (injector != null) {
      quietly(() -> ((HikariDataSource) injector.getInstance(DataSource.class)).close());
      injector = null;
    }
    crms.forEach(CrmConnection::close);
    crms.clear();
    if (embedded != null) {
      quietly(embedded::close);
      embedded = null;
    }
    if (vertx != null) {
      quietly(() -> await(vertx.close()));
      vertx = null;
    }
    if (started) {
      LOG.info("ActiveCampaign Destination stopped");
      started = false;
    }
  }

  /** The HTTP port the service listens on. */
  public synchronized int port() {
    return server.actualPort();
  }

  /**
   * The built-in sandbox, when the service delivers to one of {@code type} (the CRM's sandbox class): for tests and
   * benchmarks that read or change it.
   */
  public synchronized <T> Optional<T> sandbox(Class<T> type) {
    return crms.stream().flatMap(c -> c.sandbox(type).stream()).findFirst();
  }

  /** The built-in sandbox of {@code destination}, when it delivers to one of {@code type}. */
  public synchronized <T> Optional<T> sandbox(DestinationId destination, Class<T> type) {
    return crms.stream()
        .filter(c -> c.destination().destination().equals(destination))
        .flatMap(c -> c.sandbox(type).stream())
        .findFirst();
  }

  /** The injector, for tests that look at what the service stored. */
  public synchronized Injector injector() {
    return injector;
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static void quietly(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      LOG.warn("shutdown step failed: {}", e.getMessage());
    }
  }
}
