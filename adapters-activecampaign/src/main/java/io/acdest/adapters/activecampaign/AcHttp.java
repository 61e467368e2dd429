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
 * Every request to ActiveCampaign goes through here, in three named parts: its host's budget first
 * ({@link AcBudgets}: a slot of the REST API's or a place in the tracking host's window, or a {@code THROTTLED}
 * failure while that budget is paused by a Retry-After), then the request with its timeout (here), then the answer
 * read as docs/behaviour.md §4 says ({@link AcAnswers}), and the request filed as an attempt of the jobs its
 * {@code DeliveryContext} names ({@code AttemptLog.recordFor}). Blocking: call it from a worker thread, never from
 * an event loop.
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
  private final AcBudgets budgets;
  private final AttemptLog attempts;
  private final Clock clock;
  private final ObjectMapper json;
  private final AcAnswers answers;

  AcHttp(
      WebClient client,
      ActiveCampaignSettings settings,
      RateLimiter limiter,
      AttemptLog attempts,
      Clock clock,
      ObjectMapper json) {
    this.client = client;
    this.settings = settings;
    this.attempts = attempts;
    this.clock = clock;
    this.json = json;
    this.answers = new AcAnswers(json, clock);
    this.budgets = new AcBudgets(settings, limiter, answers, clock);
  }

  ObjectMapper json() {
    return json;
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

  /** Waits for a slot of the account's bulk-import budget ({@link AcBudgets}). */
  void awaitImportSlot() {
    budgets.awaitImportSlot();
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
    String budget = budgets.budget(rest);
    budgets.throwIfPaused(endpoint, budget);
    if (rest) {
      Duration interval = settings.rates().restInterval();
      Instant planned = budgets.awaitSlot(endpoint, budget, interval);
      return exchange(
          call,
          budget,
          request,
          body,
          Optional.of(
              new AcBudgets.Slot(budget, interval, settings.rates().restPerSecond(), planned)),
          left -> {});
    }
    Optional<ActiveCampaignRates.Window> window = settings.rates().trackingWindow();
    if (window.isEmpty()) {
      return exchange(call, budget, request, body, Optional.empty(), left -> {});
    }
    RateLimiter.InFlight place = budgets.enterWindow(endpoint, budget, window.get());
    try {
      // not before the place frees, and a window's requests still a little apart
      budgets.spaceWithinWindow(endpoint, budget, window.get(), place);
    } catch (RuntimeException notSent) {
      budgets.leaveWindow(place, Duration.ZERO);
      throw notSent;
    }
    // given back before the attempt is filed, whose write would otherwise lengthen every window
    return exchange(
        call,
        budget,
        request,
        body,
        Optional.empty(),
        left -> budgets.leaveWindow(place, budgets.windowLeft(budget, window.get(), left)));
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
      Optional<AcBudgets.Slot> slot,
      java.util.function.Consumer<Instant> answered) {
    String endpoint = call.endpoint();
    long timeoutMillis = settings.timeout().toMillis();
    Instant start = clock.instant();
    // how much later than admitted the request leaves: a sleep overshoots by a few milliseconds, a
    // pause of the JVM
    // by more
    Duration overslept =
        slot.map(AcBudgets.Slot::planned)
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
                && budgets.moveBackIfLate(
                    slot.get().budget(), slot.get().interval(), slot.get().perSecond(), overslept);
        response = awaitResponse(sent, timeoutMillis + 1_000);
        budgets.noteRetryAfter(budget, response);
      } finally {
        answered.accept(start);
      }
      slot.ifPresent(
          s ->
              budgets.accountForLatency(
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

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request body not writable as JSON", e);
    }
  }
}
