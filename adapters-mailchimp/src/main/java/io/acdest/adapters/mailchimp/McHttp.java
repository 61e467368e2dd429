package io.acdest.adapters.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.crm.CrmExchange;
import io.acdest.adapters.crm.CrmRequest;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.CrmFailure.Kind;
import io.acdest.domain.port.shared.RateLimiter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request to Mailchimp goes through here: first one of the API key's places in flight from the shared budget
 * (Mailchimp limits connections, not requests per second: ten at once per key, across every instance), then the
 * request with HTTP Basic (the key as password) and its timeout, the answer classified as docs/behaviour.md §4 says,
 * and an attempt filed for the job being delivered. Blocking: call it from a worker thread.
 */
final class McHttp {
  private static final Logger LOG = LoggerFactory.getLogger(McHttp.class);

  /**
   * Mailchimp sends no Retry-After with a 429 (nor any rate-limit header): the wait before trying again is ours.
   * Source: api-evangelist/mailchimp rate-limits (probed 2026-08-13: "no X-RateLimit-*, RateLimit-*, or Retry-After").
   */
  static final Duration THROTTLE_WAIT = Duration.ofSeconds(2);

  /** A request's answer: its status and body text. */
  record Answer(int status, String body) {}

  private final WebClient client;
  private final MailchimpSettings settings;
  private final RateLimiter limiter;
  private final CrmExchange exchange;
  private final McAnswers answers;

  McHttp(WebClient client, MailchimpSettings settings, RateLimiter limiter, CrmExchange exchange) {
    this.client = client;
    this.settings = settings;
    this.limiter = limiter;
    this.exchange = exchange;
    this.answers = new McAnswers(exchange.json());
  }

  ObjectMapper json() {
    return exchange.json();
  }

  /**
   * A request whose 2xx answer is JSON (a 204's empty body reads as an empty object); any other answer is classified
   * and thrown, a 404 as {@code whenNotFound} (the member gone, the audience misconfigured, another list missing).
   */
  JsonNode expect(DeliveryContext on, CrmRequest call, Kind whenNotFound) {
    Answer answer = call(on, call);
    if (answer.status() / 100 != 2) {
      throw answers.classify(call.endpoint(), answer, whenNotFound);
    }
    return answers
        .readObject(answer.body())
        .orElseThrow(() -> answers.notJson(call.endpoint(), answer));
  }

  /** A request; its answer whatever the status. */
  Answer call(DeliveryContext on, CrmRequest call) {
    CrmExchange.refuseOnEventLoop("Mailchimp");
    String endpoint = call.endpoint();
    HttpMethod method = call.method();
    String path = call.path();
    Object body = call.body();
    long timeoutMillis = settings.timeout().toMillis();
    HttpRequest<Buffer> request =
        client
            .requestAbs(method, settings.apiUrl() + path)
            .basicAuthentication("acdest", settings.apiKey())
            .putHeader("Accept", "application/json")
            .timeout(timeoutMillis);
    call.query().forEach(request::addQueryParam);
    Buffer encoded = null;
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
      encoded = Buffer.buffer(exchange.write(body));
    }
    // method and path only: the path's member hash identifies no one without the email, and no key
    // is in it
    String requestLine =
        method.name() + " " + java.net.URI.create(settings.apiUrl() + path).getRawPath();
    RateLimiter.InFlight place = enter();
    CrmExchange.Sent sent = exchange.sent(on, endpoint, requestLine, timeoutMillis);
    try {
      HttpResponse<Buffer> response =
          CrmExchange.await(sent, encoded == null ? request.send() : request.sendBuffer(encoded));
      Answer answer =
          new Answer(
              response.statusCode(),
              response.bodyAsString() == null ? "" : response.bodyAsString());
      exchange.answered(sent, answer.status(), answers.refusal(endpoint, answer));
      return answer;
    } catch (ExecutionException | TimeoutException failed) {
      throw exchange.unanswered(sent, failed);
    } finally {
      leave(place);
    }
  }

  /** The classification of a non-2xx answer ({@link McAnswers}). */
  CrmFailure classify(String endpoint, Answer answer, Kind whenNotFound) {
    return answers.classify(endpoint, answer, whenNotFound);
  }

  private RateLimiter.InFlight enter() {
    try {
      // held at most as long as the request may take, plus a margin: a holder that dies frees its
      // place by then
      return limiter.enter(
          settings.budget(), settings.connections(), settings.timeout().plusSeconds(30));
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      throw new CrmFailure(
          Kind.TRANSIENT, "interrupted while waiting for a connection to Mailchimp");
    }
  }

  private void leave(RateLimiter.InFlight place) {
    try {
      limiter.leave(place);
    } catch (RuntimeException storeDown) {
      // the place frees itself when its lease ends
      LOG.warn(
          "could not give back a place in flight of {}: {}",
          place.budget(),
          storeDown.getMessage());
    }
  }
}
