package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.crm.CrmExchange;
import io.acdest.adapters.crm.CrmRequest;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.shared.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Every request to ActiveCampaign goes through here, in three named parts: its host's budget first
 * ({@link AcBudgets}: a slot of the REST API's or a place in the tracking host's window, or a {@code THROTTLED}
 * failure while that budget is paused by a Retry-After), then the request with its timeout (here), then the answer
 * read as docs/behaviour.md §4 says ({@link AcAnswers}), and the request filed as an attempt of the jobs its
 * {@code DeliveryContext} names ({@code AttemptLog.recordFor}). Blocking: call it from a worker thread, never from
 * an event loop.
 */
final class AcHttp {
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
  private final CrmExchange exchange;
  private final AcAnswers answers;

  /** The transport over its named parts: the budgets say when, the answers what came back, the exchange files it. */
  AcHttp(
      WebClient client,
      ActiveCampaignSettings settings,
      AcBudgets budgets,
      AcAnswers answers,
      CrmExchange exchange) {
    this.client = client;
    this.settings = settings;
    this.budgets = budgets;
    this.answers = answers;
    this.exchange = exchange;
  }

  ObjectMapper json() {
    return exchange.json();
  }

  /** A REST call: JSON in (when the request has a body) and JSON out, with the Api-Token header. */
  JsonNode rest(DeliveryContext on, CrmRequest call) {
    return expectJson(call.endpoint(), restAnswer(on, call), true);
  }

  /** A REST call whose non-2xx answers the caller classifies itself (e.g. 403 meaning "feature disabled"). */
  Answer restAnswer(DeliveryContext on, CrmRequest call) {
    String endpoint = call.endpoint();
    HttpMethod method = call.method();
    Object body = call.body();
    String url = settings.restBase() + call.path();
    HttpRequest<Buffer> request =
        client
            .requestAbs(method, url)
            .putHeader("Api-Token", settings.apiKey())
            .putHeader("Accept", "application/json");
    call.query().forEach(request::addQueryParam);
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
    }
    return send(
        new Call(endpoint, requestLine(method, url), true, Expect.JSON_OBJECT, on),
        request,
        body == null ? null : Buffer.buffer(exchange.write(body)));
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
    CrmExchange.refuseOnEventLoop("ActiveCampaign");
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
    CrmExchange.Sent sent =
        exchange.sent(call.on(), endpoint, call.requestLine(), settings.timeout().toMillis());
    Instant start = sent.start();
    // how much later than admitted the request leaves: a sleep overshoots by a few milliseconds, a
    // pause of the JVM by more
    Duration overslept =
        slot.map(AcBudgets.Slot::planned)
            .filter(planned -> !start.isBefore(planned))
            .map(planned -> Duration.between(planned, start))
            .orElse(Duration.ZERO);
    try {
      HttpResponse<Buffer> response;
      boolean movedBack;
      try {
        Future<HttpResponse<Buffer>> pending =
            body == null ? request.send() : request.sendBuffer(body);
        // told while the request is on its way, so that the budget's next sender already knows
        movedBack =
            slot.isPresent()
                && budgets.moveBackIfLate(
                    slot.get().budget(), slot.get().interval(), slot.get().perSecond(), overslept);
        response = CrmExchange.await(sent, pending);
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
      exchange.answered(
          sent,
          answer.status(),
          answers
              .failureOf(endpoint, answer, call.rest(), call.expect())
              .map(failure -> answers.refusal(answer, failure)));
      return answer;
    } catch (ExecutionException | TimeoutException failed) {
      throw exchange.unanswered(sent, failed);
    }
  }
}
