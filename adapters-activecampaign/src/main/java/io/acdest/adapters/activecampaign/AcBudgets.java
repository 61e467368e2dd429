package io.acdest.adapters.activecampaign;

import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.CrmFailure.Kind;
import io.acdest.domain.port.shared.RateLimiter;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's request budgets, as this process spends them through the shared {@link RateLimiter}: the REST API's
 * absolute slots (with the margins a cold start and slow answers need), the tracking host's sliding window of
 * places, the bulk-import spacing, and the pauses a Retry-After puts on a budget (here at once, and in the store for
 * the other instances). {@link AcHttp} asks it before each request and tells it what the request took.
 */
final class AcBudgets {
  private static final Logger LOG = LoggerFactory.getLogger(AcBudgets.class);

  private final ActiveCampaignSettings settings;
  private final RateLimiter limiter;
  private final AcAnswers answers;
  private final Clock clock;

  AcBudgets(ActiveCampaignSettings settings, RateLimiter limiter, AcAnswers answers, Clock clock) {
    this.settings = settings;
    this.limiter = limiter;
    this.answers = answers;
    this.clock = clock;
  }

  /** Per budget, the fastest answer seen from each endpoint, in microseconds: what a request not held up takes. */
  private final Map<String, Map<String, Long>> fastestAnswer =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A process's first requests of a budget can leave later than they were let go, each a little less so than the one
   * before, as its code warms up (drill D2 in docs/reliability.md: five gaps of 180-199 ms instead of 206 at every start, too small each to
   * be noticed, together six arrivals in one second); each of its first {@value #COLD_REQUESTS} also moves the
   * budget's schedule back by {@value #COLD_MARGIN_PERCENT} % of the interval.
   */
  static final int COLD_REQUESTS = 20;

  static final int COLD_MARGIN_PERCENT = 20;
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> coldRequests =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Per budget, the end of the latest pause this process was told of by a Retry-After. */
  private final Map<String, Instant> pausedHere = new java.util.concurrent.ConcurrentHashMap<>();

  /** Lateness below this is timing noise, not worth a database write. */
  private static final Duration NOISE = Duration.ofMillis(5);

  /**
   * ActiveCampaign allows at most 100 bulk imports a minute; imports also take a slot of this budget, shared by
   * every instance.
   */
  static final Duration IMPORT_SPACING = Duration.ofMillis(600);

  /** Waits for a slot of the account's bulk-import budget (in addition to the ordinary slot every request takes). */
  void awaitImportSlot() {
    sleep(limiter.reserve(settings.rateLimitAccount() + "/bulk_import", IMPORT_SPACING));
  }

  /** The budget a request to the REST API ({@code rest}) or to the tracking host draws on. */
  String budget(boolean rest) {
    return rest ? settings.rateLimitAccount() : settings.trackingBudget();
  }

  /**
   * How much longer a tracking request's place stays taken, now that its answer has come: the window counted from
   * when the request left (nothing when the answer took longer than the window). Counted from the answer instead,
   * each place would idle a whole round trip per window, and the rate would fall to {@code places / (keep +
   * latency)}: 17 a second at 20 against a host 150 ms away (decision 0022). Except for a process's first
   * {@value #COLD_REQUESTS} requests of the budget: while its code warms up a request can reach the host well after
   * it left (drill D2 in docs/reliability.md: 160 ms, at both instances' start), so those are counted from the answer, by when they had
   * certainly arrived.
   */
  Duration windowLeft(String budget, ActiveCampaignRates.Window window, Instant left) {
    boolean cold =
        coldRequests
                .computeIfAbsent(budget, b -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet()
            <= COLD_REQUESTS;
    return cold ? window.keep() : window.keep().minus(Duration.between(left, clock.instant()));
  }

  /** A REST request's slot: its budget and spacing, and the moment it was let go. */
  record Slot(String budget, Duration interval, double perSecond, Instant planned) {}

  /**
   * Waits for the REST budget's next slot, then for admission; says when the request was let go. Each of a process's
   * first requests of the budget moves the schedule back a little while its code is cold.
   */
  Instant awaitSlot(String endpoint, String budget, Duration interval) {
    sleep(limiter.reserve(budget, interval));
    // A Retry-After may have come in while this request waited for its slot: then it must not go
    // out.
    throwIfPaused(endpoint, budget);
    // the final word, the last step before sending: never less than an interval after the budget's
    // previous request,
    // even when this sender woke late for its slot
    Duration admitted = limiter.admit(budget, interval);
    Instant planned = clock.instant().plus(admitted);
    sleep(admitted);
    if (coldRequests
            .computeIfAbsent(budget, b -> new java.util.concurrent.atomic.AtomicInteger())
            .incrementAndGet()
        <= COLD_REQUESTS) {
      // still cold: this request may leave a little late, so the next one of the budget, whoever
      // sends it, waits a
      // little longer
      limiter.delay(budget, interval.multipliedBy(COLD_MARGIN_PERCENT).dividedBy(100));
    }
    return planned;
  }

  /**
   * How long before its keep ends a tracking request may take a place of its window: longer than the store's round
   * trips between taking the place and leaving (a look at the pause, the admission), which are then made while the
   * place is still kept, and the request leaves the moment it frees. Taken as it freed, each request of a window left
   * about 9 ms after the one it followed, and B6's thirty windows (docs/performance.md) lost a quarter of a second (decision 0022).
   */
  static final Duration TAKEN_AHEAD = Duration.ofMillis(40);

  /**
   * Takes a place of the tracking budget's window, at most {@link #TAKEN_AHEAD} before it frees, held at most as long
   * as the request may take plus the keep (a holder that dies frees it by then); gives it back untouched if a
   * Retry-After came in meanwhile.
   */
  RateLimiter.InFlight enterWindow(
      String endpoint, String budget, ActiveCampaignRates.Window window) {
    RateLimiter.InFlight place;
    try {
      place =
          limiter.enter(
              budget,
              window.places(),
              settings.timeout().plusSeconds(1).plus(window.keep()),
              TAKEN_AHEAD);
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      throw new CrmFailure(Kind.TRANSIENT, "interrupted while waiting for a place of " + budget);
    }
    try {
      throwIfPaused(endpoint, budget);
      return place;
    } catch (CrmFailure paused) {
      leaveWindow(place, Duration.ZERO); // nothing was sent
      throw paused;
    }
  }

  void leaveWindow(RateLimiter.InFlight place, Duration keep) {
    try {
      limiter.leave(place, keep);
    } catch (RuntimeException storeDown) {
      // the place frees itself when its lease ends, later than the keep: never too early
      LOG.warn("could not give back a place of {}: {}", place.budget(), storeDown.getMessage());
    }
  }

  /**
   * Accounts for a REST request's own latency. ActiveCampaign's REST API counts its requests in any sliding second:
   * at most ⌈rate⌉ of them. Requests leave an interval apart, which leaves a little
   * slack per window (5 × 206 ms − 1 s = 31 ms for the REST API at 5 per second). A request that left later than it
   * was admitted ({@code leftLate}: its sender's sleep overshot) or whose answer took longer
   * than such requests take may have reached the host that much later than it left (a stall between admission and
   * the wire: a cold code path, a pause of the JVM); the next ones, leaving on time, would crowd into its second. So
   * when the lateness exceeds the slack, the budget's schedule is moved back by all of it. "Such requests" is the
   * fastest answer this process has seen from the endpoint (else from any endpoint of the budget).
   */
  void accountForLatency(
      String endpoint,
      String budget,
      Duration interval,
      double perSecond,
      Instant sentAt,
      Duration leftLate) {
    long micros = Duration.between(sentAt, clock.instant()).toNanos() / 1_000;
    Map<String, Long> fastest =
        fastestAnswer.computeIfAbsent(budget, b -> new java.util.concurrent.ConcurrentHashMap<>());
    Long before = fastest.get(endpoint);
    long baseline =
        before != null
            ? Math.min(before, micros)
            : fastest.values().stream().mapToLong(Long::longValue).min().orElse(micros);
    fastest.merge(endpoint, micros, Math::min);
    moveBackIfLate(
        budget, interval, perSecond, Duration.ofNanos((micros - baseline) * 1_000).plus(leftLate));
  }

  /**
   * Moves the budget's schedule back by {@code late} when a request reached the host that much later than its slot
   * and the lateness is more than the window's slack absorbs; says whether it did.
   */
  boolean moveBackIfLate(String budget, Duration interval, double perSecond, Duration late) {
    Duration slack = interval.multipliedBy((long) Math.ceil(perSecond)).minusSeconds(1);
    if (late.compareTo(NOISE) <= 0 || late.compareTo(slack) <= 0) {
      return false;
    }
    try {
      limiter.delay(budget, late);
      return true;
    } catch (RuntimeException storeDown) {
      LOG.warn("could not move {} back after a late request: {}", budget, storeDown.getMessage());
      return false;
    }
  }

  /**
   * A throttling answer pauses its host's budget the moment it is read, before anything else: here, so that a
   * request of this process about to leave does not, and in the store for the other instances.
   */
  void noteRetryAfter(String budget, HttpResponse<Buffer> response) {
    Optional<Duration> wait =
        answers.throttleWait(
            response.statusCode(), Optional.ofNullable(response.getHeader("Retry-After")));
    if (wait.isPresent()) {
      Instant until = clock.instant().plus(wait.get());
      pausedHere.merge(budget, until, (a, b) -> a.isAfter(b) ? a : b);
      try {
        limiter.pauseUntil(budget, until);
      } catch (RuntimeException storeDown) {
        LOG.warn("could not pause {} in the store: {}", budget, storeDown.getMessage());
      }
    }
  }

  /** This process's own word on a pause: no store round trip between it and the request leaving. */
  void throwIfPausedHere(String endpoint, String budget) {
    Instant until = pausedHere.get(budget);
    if (until != null && until.isAfter(clock.instant())) {
      throw new CrmFailure(
          Kind.THROTTLED,
          endpoint + ": " + budget + " is paused by ActiveCampaign's Retry-After",
          Optional.of(Duration.between(clock.instant(), until)));
    }
  }

  void throwIfPaused(String endpoint, String budget) {
    Optional<Instant> pause = limiter.pausedUntil(budget);
    if (pause.isPresent()) {
      throw new CrmFailure(
          Kind.THROTTLED,
          endpoint + ": " + budget + " is paused by ActiveCampaign's Retry-After",
          Optional.of(Duration.between(clock.instant(), pause.get())));
    }
  }

  static void sleep(Duration wait) {
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    try {
      Thread.sleep(wait.toMillis(), (int) (wait.toNanosPart() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrmFailure(Kind.TRANSIENT, "interrupted while waiting for a rate-limit slot");
    }
  }

  /**
   * Keeps a tracking window's requests a little apart once a place is taken (an eighth of the window's mean
   * spacing, 6.25 ms at 20 a second), so that a Retry-After answered to one is known before the next leaves (drill
   * D4, docs/reliability.md); then fails if this process was told of a pause meanwhile.
   */
  void spaceWithinWindow(
      String endpoint,
      String budget,
      ActiveCampaignRates.Window window,
      RateLimiter.InFlight place) {
    sleep(limiter.admit(budget, window.keep().dividedBy(window.places() * 8L), place.from()));
    throwIfPausedHere(endpoint, budget);
  }
}
