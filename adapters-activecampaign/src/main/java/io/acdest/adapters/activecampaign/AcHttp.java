package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.util.concurrent.Uninterruptibles;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.RequestAttempt;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.CrmFailure.Kind;
import io.acdest.domain.port.shared.RateLimiter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request to ActiveCampaign goes through here: first its host's budget from the shared rate limiter, a slot
 * of the REST API's or a place in the tracking host's window (or a {@code THROTTLED} failure while that budget is
 * paused by a Retry-After), then the request with its timeout, then the answer classified as docs/behaviour.md §4 says,
 * and an attempt filed for the jobs its {@code DeliveryContext} names. Blocking: call it from a worker thread, never from an event loop.
 */
final class AcHttp {
  private static final Logger LOG = LoggerFactory.getLogger(AcHttp.class);

  /** A request as it is sent and filed: its endpoint's name, method and path, host, and what a success holds. */
  private record Call(
      String endpoint, String requestLine, boolean rest, Expect expect, DeliveryContext on) {}

  /** A request's answer: its status, headers we use, and body text. */
  record Answer(int status, Optional<String> retryAfter, String body) {}

  /**
   * What a 2xx answer of a request must hold to be a success. ActiveCampaign also refuses with 200: the tracking host
   * answers {@code {"success":0,"message":"..."}} when event tracking is off or the key is wrong, and a wrong API URL
   * answers an HTML page (a login page) with 200. Such an answer is a refusal, filed on its attempt as one.
   */
  enum Expect {
    /** The REST API: a JSON object. */
    JSON_OBJECT,
    /** The tracking host's event endpoint: a JSON object with {@code success} 1. */
    TRACKING_SUCCESS,
    /** Any 2xx (the site-tracking visit, whose answer is a pixel or a script). */
    ANY
  }

  private final WebClient client;
  private final ActiveCampaignSettings settings;
  private final RateLimiter limiter;
  private final AttemptLog attempts;
  private final Clock clock;
  private final ObjectMapper json;
  private final AcAnswers answers;

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

  AcHttp(
      WebClient client,
      ActiveCampaignSettings settings,
      RateLimiter limiter,
      AttemptLog attempts,
      Clock clock,
      ObjectMapper json) {
    this.client = client;
    this.settings = settings;
    this.limiter = limiter;
    this.attempts = attempts;
    this.clock = clock;
    this.json = json;
    this.answers = new AcAnswers(json, clock);
  }

  ObjectMapper json() {
    return json;
  }

  /**
   * Runs the client's whole request and answer path twice (a GET and a form POST) against a throw-away server on a
   * local port, before any real request: otherwise the first real requests spend up to a second loading classes
   * after the limiter let them go, and, late, land among the next requests of their budget, six in one second
   * (drill D2 in docs/reliability.md saw this at every start).
   */
  void warmUp(io.vertx.core.Vertx vertx) {
    io.vertx.core.http.HttpServer local = null;
    try {
      local =
          vertx
              .createHttpServer()
              .requestHandler(
                  request ->
                      request
                          .body()
                          .onComplete(
                              read ->
                                  request
                                      .response()
                                      .putHeader("Content-Type", "application/json")
                                      .end("{}")))
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      String url = "http://127.0.0.1:" + local.actualPort() + "/warm-up";
      for (Buffer body : new Buffer[] {null, Buffer.buffer("a=b")}) {
        HttpRequest<Buffer> request =
            client
                .requestAbs(body == null ? HttpMethod.GET : HttpMethod.POST, url)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .addQueryParam("q", "1")
                .timeout(5_000);
        HttpResponse<Buffer> answer =
            (body == null ? request.send() : request.sendBuffer(body))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        json.readTree(answer.bodyAsString());
      }
    } catch (Exception notWarmed) {
      LOG.debug("the HTTP client's warm-up did not complete: {}", notWarmed.getMessage());
      if (notWarmed instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    } finally {
      if (local != null) {
        local.close();
      }
    }
  }

  /**
   * ActiveCampaign allows at most 100 bulk imports a minute; imports also take a slot of this budget, shared by
   * every instance.
   */
  static final Duration IMPORT_SPACING = Duration.ofMillis(600);

  /** Waits for a slot of the account's bulk-import budget (in addition to the ordinary slot every request takes). */
  void awaitImportSlot() {
    sleep(limiter.reserve(settings.rateLimitAccount() + "/bulk_import", IMPORT_SPACING));
  }

  /** A REST call: JSON in (when {@code body} is not null) and JSON out, with the Api-Token header. */
  JsonNode rest(
      DeliveryContext on,
      String endpoint,
      HttpMethod method,
      String path,
      Map<String, String> query,
      Object body) {
    return expectJson(endpoint, restAnswer(on, endpoint, method, path, query, body), true);
  }

  /** A REST call whose non-2xx answers the caller classifies itself (e.g. 403 meaning "feature disabled"). */
  Answer restAnswer(
      DeliveryContext on, String endpoint, HttpMethod method, String path, Object body) {
    return restAnswer(on, endpoint, method, path, Map.of(), body);
  }

  /** The same, with query parameters; {@code body} may be null (no body). */
  Answer restAnswer(
      DeliveryContext on,
      String endpoint,
      HttpMethod method,
      String path,
      Map<String, String> query,
      Object body) {
    String url = settings.restBase() + path;
    HttpRequest<Buffer> request =
        client
            .requestAbs(method, url)
            .putHeader("Api-Token", settings.apiKey())
            .putHeader("Accept", "application/json");
    query.forEach(request::addQueryParam);
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
    }
    return send(
        new Call(endpoint, requestLine(method, url), true, Expect.JSON_OBJECT, on),
        request,
        body == null ? null : Buffer.buffer(write(body)));
  }

  /** A form POST to the tracking host (no Api-Token: the tracking endpoints take the event key instead). */
  Answer trackingForm(DeliveryContext on, String endpoint, String path, MultiMap form) {
    StringBuilder encoded = new StringBuilder();
    form.forEach(
        (name, value) ->
            encoded
                .append(encoded.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    HttpRequest<Buffer> request =
        client
            .requestAbs(HttpMethod.POST, settings.tracking(path))
            .putHeader("Content-Type", "application/x-www-form-urlencoded");
    return send(
        new Call(
            endpoint,
            requestLine(HttpMethod.POST, settings.tracking(path)),
            false,
            Expect.TRACKING_SUCCESS,
            on),
        request,
        Buffer.buffer(encoded.toString()));
  }

  /** A GET to the tracking host. */
  Answer trackingGet(DeliveryContext on, String endpoint, String path, Map<String, String> query) {
    HttpRequest<Buffer> request = client.requestAbs(HttpMethod.GET, settings.tracking(path));
    query.forEach(request::addQueryParam);
    return send(
        new Call(
            endpoint, requestLine(HttpMethod.GET, settings.tracking(path)), false, Expect.ANY, on),
        request,
        null);
  }

  /** Method and path of a request, as an attempt records it: no host, no query (the tracking GET's holds the email). */
  private static String requestLine(HttpMethod method, String url) {
    String path;
    try {
      path = java.net.URI.create(url).getRawPath();
    } catch (IllegalArgumentException unparsable) {
      path = url;
    }
    return method.name() + " " + path;
  }

  /** The JSON of a 2xx answer; anything else classified and thrown ({@link AcAnswers}). */
  JsonNode expectJson(String endpoint, Answer answer, boolean rest) {
    return answers.expectJson(endpoint, answer, rest);
  }

  /** The classification of a non-2xx answer ({@link AcAnswers}). */
  CrmFailure classify(String endpoint, Answer answer, boolean rest) {
    return answers.classify(endpoint, answer, rest);
  }

  /** ActiveCampaign's own words from an error body. */
  String errorText(String body) {
    return answers.errorText(body);
  }

  /** The error body of an answer, read. */
  AcErrorBody error(Answer answer) {
    return answers.error(answer);
  }

  /** The budget a request to the REST API ({@code rest}) or to the tracking host draws on. */
  private String budget(boolean rest) {
    return rest ? settings.rateLimitAccount() : settings.trackingBudget();
  }

  /**
   * Sends a request made ready beforehand (headers set, body encoded: nothing slow is left between the moment the
   * limiter lets it go and the moment it leaves): a REST request on its budget's next absolute slot, a tracking
   * request in a place of its budget's sliding window.
   */
  private Answer send(Call call, HttpRequest<Buffer> request, Buffer body) {
    String endpoint = call.endpoint();
    boolean rest = call.rest();
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("ActiveCampaign calls block; make them from a worker thread");
    }
    request.timeout(settings.timeout().toMillis());
    String budget = budget(rest);
    throwIfPaused(endpoint, budget);
    if (rest) {
      Duration interval = settings.rates().restInterval();
      Instant planned = awaitSlot(endpoint, budget, interval);
      return exchange(
          call,
          budget,
          request,
          body,
          Optional.of(new Slot(budget, interval, settings.rates().restPerSecond(), planned)),
          left -> {});
    }
    Optional<ActiveCampaignRates.Window> window = settings.rates().trackingWindow();
    if (window.isEmpty()) {
      return exchange(call, budget, request, body, Optional.empty(), left -> {});
    }
    RateLimiter.InFlight place = enterWindow(endpoint, budget, window.get());
    try {
      // not before the place frees, and a window's requests still a little apart (an eighth of the
      // window's mean
      // spacing, 6.25 ms at 20 a second), so that a Retry-After answered to one is known before the
      // next leaves
      // (drill D4, docs/reliability.md)
      sleep(
          limiter.admit(
              budget, window.get().keep().dividedBy(window.get().places() * 8L), place.from()));
      throwIfPausedHere(endpoint, budget);
    } catch (RuntimeException notSent) {
      leaveWindow(place, Duration.ZERO);
      throw notSent;
    }
    // given back before the attempt is filed, whose write would otherwise lengthen every window
    return exchange(
        call,
        budget,
        request,
        body,
        Optional.empty(),
        left -> leaveWindow(place, windowLeft(budget, window.get(), left)));
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
  private Duration windowLeft(String budget, ActiveCampaignRates.Window window, Instant left) {
    boolean cold =
        coldRequests
                .computeIfAbsent(budget, b -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet()
            <= COLD_REQUESTS;
    return cold ? window.keep() : window.keep().minus(Duration.between(left, clock.instant()));
  }

  /** A REST request's slot: its budget and spacing, and the moment it was let go. */
  private record Slot(String budget, Duration interval, double perSecond, Instant planned) {}

  /**
   * Waits for the REST budget's next slot, then for admission; says when the request was let go. Each of a process's
   * first requests of the budget moves the schedule back a little while its code is cold.
   */
  private Instant awaitSlot(String endpoint, String budget, Duration interval) {
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
  private RateLimiter.InFlight enterWindow(
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

  private void leaveWindow(RateLimiter.InFlight place, Duration keep) {
    try {
      limiter.leave(place, keep);
    } catch (RuntimeException storeDown) {
      // the place frees itself when its lease ends, later than the keep: never too early
      LOG.warn("could not give back a place of {}: {}", place.budget(), storeDown.getMessage());
    }
  }

  /**
   * The request and its answer, filed as an attempt. As soon as the answer (or the failure) has come, a throttling
   * answer pauses the budget, then {@code answered} is told when the request left. A REST request's lateness
   * (leaving after it was let go, or an answer slower than the endpoint's fastest) moves its budget's schedule back.
   */
  private Answer exchange(
      Call call,
      String budget,
      HttpRequest<Buffer> request,
      Buffer body,
      Optional<Slot> slot,
      java.util.function.Consumer<Instant> answered) {
    String endpoint = call.endpoint();
    long timeoutMillis = settings.timeout().toMillis();
    Instant start = clock.instant();
    // how much later than admitted the request leaves: a sleep overshoots by a few milliseconds, a
    // pause of the JVM
    // by more
    Duration overslept =
        slot.map(Slot::planned)
            .filter(planned -> !start.isBefore(planned))
            .map(planned -> Duration.between(planned, start))
            .orElse(Duration.ZERO);
    try {
      HttpResponse<Buffer> response;
      boolean movedBack;
      try {
        io.vertx.core.Future<HttpResponse<Buffer>> sent =
            body == null ? request.send() : request.sendBuffer(body);
        // told while the request is on its way, so that the budget's next sender already knows
        movedBack =
            slot.isPresent()
                && moveBackIfLate(
                    slot.get().budget(), slot.get().interval(), slot.get().perSecond(), overslept);
        response = awaitResponse(sent, timeoutMillis + 1_000);
        noteRetryAfter(budget, response);
      } finally {
        answered.accept(start);
      }
      slot.ifPresent(
          s ->
              accountForLatency(
                  endpoint,
                  s.budget(),
                  s.interval(),
                  s.perSecond(),
                  start,
                  movedBack ? Duration.ZERO : overslept));
      Answer answer =
          new Answer(
              response.statusCode(),
              Optional.ofNullable(response.getHeader("Retry-After")),
              response.bodyAsString() == null ? "" : response.bodyAsString());
      record(
          call,
          Optional.of(answer.status()),
          start,
          answers
              .failureOf(endpoint, answer, call.rest(), call.expect())
              .map(failure -> answers.refusal(answer, failure)));
      return answer;
    } catch (ExecutionException | TimeoutException failed) {
      Throwable cause = failed instanceof ExecutionException ? failed.getCause() : failed;
      boolean timedOut =
          cause instanceof TimeoutException
              || (cause != null && cause.getClass().getSimpleName().contains("Timeout"));
      String what =
          timedOut
              ? "timed out after " + timeoutMillis + " ms"
              : cause instanceof ConnectException
                  ? "could not connect: " + cause.getMessage()
                  : "connection error: " + (cause == null ? "unknown" : cause.getMessage());
      record(call, Optional.empty(), start, Optional.of(new AcAnswers.Refusal("connection", what)));
      throw new CrmFailure(Kind.TRANSIENT, endpoint + ": " + what);
    }
  }

  /**
   * Waits for the answer of a request that was sent. A stop request (interrupt) does not cut it short: the request
   * is already on its way, and abandoning it would have it sent again later; the interrupt is kept for the caller.
   */
  private static HttpResponse<Buffer> awaitResponse(Future<HttpResponse<Buffer>> sent, long millis)
      throws ExecutionException, TimeoutException {
    return Uninterruptibles.getUninterruptibly(
        sent.toCompletionStage().toCompletableFuture(), millis, TimeUnit.MILLISECONDS);
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
  private void accountForLatency(
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
  private boolean moveBackIfLate(
      String budget, Duration interval, double perSecond, Duration late) {
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
  private void noteRetryAfter(String budget, HttpResponse<Buffer> response) {
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
  private void throwIfPausedHere(String endpoint, String budget) {
    Instant until = pausedHere.get(budget);
    if (until != null && until.isAfter(clock.instant())) {
      throw new CrmFailure(
          Kind.THROTTLED,
          endpoint + ": " + budget + " is paused by ActiveCampaign's Retry-After",
          Optional.of(Duration.between(clock.instant(), until)));
    }
  }

  private void throwIfPaused(String endpoint, String budget) {
    Optional<Instant> pause = limiter.pausedUntil(budget);
    if (pause.isPresent()) {
      throw new CrmFailure(
          Kind.THROTTLED,
          endpoint + ": " + budget + " is paused by ActiveCampaign's Retry-After",
          Optional.of(Duration.between(clock.instant(), pause.get())));
    }
  }

  /**
   * Files the request as an attempt of each job it was made for (every job of a bulk import); one the store refuses
   * is logged.
   */
  private void record(
      Call call, Optional<Integer> status, Instant start, Optional<AcAnswers.Refusal> refusal) {
    Instant now = clock.instant();
    RequestAttempt attempt =
        new RequestAttempt(
            call.endpoint(),
            call.requestLine(),
            status,
            Duration.between(start, now),
            refusal.map(AcAnswers.Refusal::errorClass),
            refusal.map(AcAnswers.Refusal::text),
            now);
    attempts
        .recordFor(call.on(), attempt)
        .forEach(
            (job, storeDown) ->
                LOG.warn(
                    "could not file the attempt of job {} ({} answered {}): {}",
                    job.value(),
                    call.endpoint(),
                    status.map(String::valueOf).orElse("nothing"),
                    storeDown.getMessage()));
  }

  private static void sleep(Duration wait) {
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

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request body not writable as JSON", e);
    }
  }
}
