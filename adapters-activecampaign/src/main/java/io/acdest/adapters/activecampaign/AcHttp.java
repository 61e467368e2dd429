package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.CurrentDelivery;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.CrmFailure.Kind;
import io.acdest.domain.port.out.RateLimiter;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request to ActiveCampaign goes through here: first a slot from the shared rate limiter (or a
 * {@code THROTTLED} failure while the account is paused), then the request with its timeout, then the answer
 * classified as §4 says, and an attempt filed for the job being delivered. Blocking: call it from a worker
 * thread, never from an event loop.
 */
final class AcHttp {
  private static final Logger LOG = LoggerFactory.getLogger(AcHttp.class);
  /** A request's answer: its status, headers we use, and body text. */
  record Answer(int status, Optional<String> retryAfter, String body) {}

  private final WebClient client;
  private final ActiveCampaignSettings settings;
  private final RateLimiter limiter;
  private final AttemptLog attempts;
  private final Clock clock;
  private final ObjectMapper json;

  AcHttp(WebClient client, ActiveCampaignSettings settings, RateLimiter limiter, AttemptLog attempts, Clock clock,
      ObjectMapper json) {
    this.client = client;
    this.settings = settings;
    this.limiter = limiter;
    this.attempts = attempts;
    this.clock = clock;
    this.json = json;
  }

  ObjectMapper json() {
    return json;
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
  JsonNode rest(String endpoint, HttpMethod method, String path, Map<String, String> query, Object body) {
    return expectJson(endpoint, restAnswer(endpoint, method, path, query, body), true);
  }

  /** A REST call whose non-2xx answers the caller classifies itself (e.g. 403 meaning "feature disabled"). */
  Answer restAnswer(String endpoint, HttpMethod method, String path, Object body) {
    return restAnswer(endpoint, method, path, Map.of(), body);
  }

  /** The same, with query parameters; {@code body} may be null (no body). */
  Answer restAnswer(String endpoint, HttpMethod method, String path, Map<String, String> query, Object body) {
    return send(endpoint, method, settings.restBase() + path, request -> {
      request.putHeader("Api-Token", settings.apiKey()).putHeader("Accept", "application/json");
      query.forEach(request::addQueryParam);
      if (body == null) {
        return request.send();
      }
      return request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(write(body)));
    });
  }

  /** A form POST to the tracking host (no Api-Token: the tracking endpoints take the event key instead). */
  Answer trackingForm(String endpoint, String path, MultiMap form) {
    return send(endpoint, HttpMethod.POST, settings.tracking(path), request -> request.sendForm(form));
  }

  /** A GET to the tracking host. */
  Answer trackingGet(String endpoint, String path, Map<String, String> query) {
    return send(endpoint, HttpMethod.GET, settings.tracking(path), request -> {
      query.forEach(request::addQueryParam);
      return request.send();
    });
  }

  /** The JSON of a 2xx answer; anything else classified and thrown. */
  JsonNode expectJson(String endpoint, Answer answer, boolean rest) {
    if (answer.status() / 100 != 2) {
      throw classify(endpoint, answer, rest);
    }
    try {
      JsonNode node = json.readTree(answer.body());
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JsonProcessingException notJson) {
      // below
    }
    throw new CrmFailure(Kind.CONFIGURATION, endpoint + ": ActiveCampaign answered " + answer.status()
        + " with a body that is not JSON (a login page?): check the API URL and key");
  }

  /**
   * §4's classification of a non-2xx answer. A REST answer that is not the API's JSON (an HTML login or error
   * page) means the API URL or key is wrong: a configuration error, which pauses instead of killing the backlog.
   */
  CrmFailure classify(String endpoint, Answer answer, boolean rest) {
    int status = answer.status();
    AcErrorBody error = error(answer);
    String text = endpoint + ": " + status + " " + error.text();
    Optional<Duration> retryAfter = answer.retryAfter().flatMap(this::parseRetryAfter);
    if (status == 429 || (status == 503 && retryAfter.isPresent())) {
      Duration wait = retryAfter.orElse(Duration.ofSeconds(1));
      limiter.pauseUntil(settings.rateLimitAccount(), clock.instant().plus(wait));
      return new CrmFailure(Kind.THROTTLED, text, Optional.of(wait));
    }
    if (rest && (status == 401 || status == 403)) {
      return new CrmFailure(Kind.CONFIGURATION, text + " (check the ActiveCampaign API URL and key)");
    }
    if (status == 408 || status == 423 || (status >= 500 && status != 501)) {
      return new CrmFailure(Kind.TRANSIENT, text);
    }
    if (rest && !error.json() && !answer.body().isBlank()) {
      return new CrmFailure(Kind.CONFIGURATION, text + " (check the ActiveCampaign API URL and key)");
    }
    return new CrmFailure(Kind.PERMANENT, text);
  }

  /** ActiveCampaign's own words from an error body, whatever its shape ({@link AcErrorBody}). */
  String errorText(String body) {
    return AcErrorBody.parse(json, body).text();
  }

  /** The error body of an answer, read. */
  AcErrorBody error(Answer answer) {
    return AcErrorBody.parse(json, answer.body());
  }

  private Optional<Duration> parseRetryAfter(String value) {
    String text = value.strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }

  private Answer send(String endpoint, HttpMethod method, String url,
      Function<HttpRequest<Buffer>, io.vertx.core.Future<HttpResponse<Buffer>>> sender) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("ActiveCampaign calls block; make them from a worker thread");
    }
    Optional<JobId> job = CurrentDelivery.job();
    String account = settings.rateLimitAccount();
    throwIfPaused(endpoint, account);
    sleep(limiter.reserve(account));
    // A Retry-After may have come in while this request waited for its slot: then it must not go out.
    throwIfPaused(endpoint, account);

    Instant start = clock.instant();
    long timeoutMillis = settings.timeout().toMillis();
    HttpRequest<Buffer> request = client.requestAbs(method, url).timeout(timeoutMillis);
    try {
      HttpResponse<Buffer> response = awaitResponse(sender.apply(request), timeoutMillis + 1_000);
      Answer answer = new Answer(response.statusCode(), Optional.ofNullable(response.getHeader("Retry-After")),
          response.bodyAsString() == null ? "" : response.bodyAsString());
      record(job, endpoint, Optional.of(answer.status()), start, answer.status() / 100 == 2 ? null : answer.body());
      return answer;
    } catch (ExecutionException | TimeoutException failed) {
      Throwable cause = failed instanceof ExecutionException ? failed.getCause() : failed;
      boolean timedOut = cause instanceof TimeoutException
          || (cause != null && cause.getClass().getSimpleName().contains("Timeout"));
      String what = timedOut ? "timed out after " + timeoutMillis + " ms"
          : cause instanceof ConnectException ? "could not connect: " + cause.getMessage()
          : "connection error: " + (cause == null ? "unknown" : cause.getMessage());
      record(job, endpoint, Optional.empty(), start, what);
      throw new CrmFailure(Kind.TRANSIENT, endpoint + ": " + what);
    }
  }

  /**
   * Waits for the answer of a request that was sent. A stop request (interrupt) does not cut it short: the request
   * is already on its way, and abandoning it would have it sent again later; the interrupt is kept for the caller.
   */
  private static HttpResponse<Buffer> awaitResponse(io.vertx.core.Future<HttpResponse<Buffer>> sent, long millis)
      throws ExecutionException, TimeoutException {
    java.util.concurrent.CompletableFuture<HttpResponse<Buffer>> answer = sent.toCompletionStage().toCompletableFuture();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException stop) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void throwIfPaused(String endpoint, String account) {
    Optional<Instant> pause = limiter.pausedUntil(account);
    if (pause.isPresent()) {
      throw new CrmFailure(Kind.THROTTLED, endpoint + ": the account is paused by ActiveCampaign's Retry-After",
          Optional.of(Duration.between(clock.instant(), pause.get())));
    }
  }

  private void record(Optional<JobId> job, String endpoint, Optional<Integer> status, Instant start, String error) {
    if (job.isEmpty()) {
      return;
    }
    Optional<String> errorClass = Optional.empty();
    if (error != null) {
      errorClass = Optional.of(status.map(s -> s >= 500 ? "server_error" : s == 429 ? "throttled" : "client_error")
          .orElse("connection"));
    }
    Attempt attempt = new Attempt(job.get(), endpoint, status, Duration.between(start, clock.instant()), errorClass,
        Optional.ofNullable(error).map(this::errorText), clock.instant());
    try {
      attempts.record(attempt);
    } catch (RuntimeException storeDown) {
      // The request went out and its answer is known: failing now would lose that answer and send the request
      // again after the lease (a duplicate). The attempt is logged instead of filed (decision 0012).
      LOG.warn("could not file the attempt of job {} ({} answered {}): {}", job.get().value(), endpoint,
          status.map(String::valueOf).orElse("nothing"), storeDown.getMessage());
    }
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
