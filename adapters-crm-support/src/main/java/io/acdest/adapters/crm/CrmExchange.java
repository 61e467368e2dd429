package io.acdest.adapters.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.util.concurrent.Uninterruptibles;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.RequestAttempt;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.CrmFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a request to a CRM that is the same for every CRM: waiting for the answer of a request already sent,
 * describing a request that got no answer, and filing the request as an attempt of each job it was made for
 * (docs/behaviour.md §4). What an answer means is each vendor adapter's own; when to send is
 * the vendor's budgets'.
 */
public final class CrmExchange {
  private static final Logger LOG = LoggerFactory.getLogger(CrmExchange.class);

  /** A request on its way: what it is, for which delivery, since when and for how long at most. */
  public record Sent(
      DeliveryContext on, String endpoint, String requestLine, Instant start, long timeoutMillis) {}

  /** What a CRM refused, as an attempt records it: a short class ({@code rate_limited}) and the CRM's words. */
  public record Refusal(String errorClass, String text) {}

  private final AttemptLog attempts;
  private final Clock clock;
  private final ObjectMapper json;

  public CrmExchange(AttemptLog attempts, Clock clock, ObjectMapper json) {
    this.attempts = attempts;
    this.clock = clock;
    this.json = json;
  }

  /** The JSON mapper requests are written and answers read with. */
  public ObjectMapper json() {
    return json;
  }

  /** A request body as JSON text. */
  public String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request body not writable as JSON", e);
    }
  }

  /**
   * Refuses a request from an event loop: a CRM request blocks its caller until the answer (or the budget) lets it
   * go, which would stall every connection the loop serves. {@code crm} names the CRM in the complaint.
   */
  public static void refuseOnEventLoop(String crm) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(crm + " calls block; make them from a worker thread");
    }
  }

  /** A request that leaves now. */
  public Sent sent(DeliveryContext on, String endpoint, String requestLine, long timeoutMillis) {
    return new Sent(on, endpoint, requestLine, clock.instant(), timeoutMillis);
  }

  /**
   * Waits for the answer of a request that was sent, up to its timeout and a second more. A stop request (interrupt)
   * does not cut it short: the request is already on its way, and abandoning it would have it sent again later; the
   * interrupt is kept for the caller.
   */
  public static HttpResponse<Buffer> await(Sent sent, Future<HttpResponse<Buffer>> answer)
      throws ExecutionException, TimeoutException {
    return Uninterruptibles.getUninterruptibly(
        answer.toCompletionStage().toCompletableFuture(),
        sent.timeoutMillis() + 1_000,
        TimeUnit.MILLISECONDS);
  }

  /** Files an answered request as an attempt of each job it was made for; one the store refuses is logged. */
  public void answered(Sent sent, int status, Optional<Refusal> refusal) {
    file(sent, Optional.of(status), refusal);
  }

  /**
   * Files a request that got no answer (timed out, refused connection) and returns the transient failure the caller
   * throws: the core tries again later.
   */
  public CrmFailure unanswered(Sent sent, Exception failed) {
    Throwable cause = failed instanceof ExecutionException ? failed.getCause() : failed;
    String what = describe(cause, sent.timeoutMillis());
    file(sent, Optional.empty(), Optional.of(new Refusal("connection", what)));
    return new CrmFailure(CrmFailure.Kind.TRANSIENT, sent.endpoint() + ": " + what);
  }

  /** The words for a request that got no answer: timed out, could not connect, or another connection error. */
  static String describe(Throwable cause, long timeoutMillis) {
    boolean timedOut =
        cause instanceof TimeoutException
            || (cause != null && cause.getClass().getSimpleName().contains("Timeout"));
    if (timedOut) {
      return "timed out after " + timeoutMillis + " ms";
    }
    if (cause instanceof ConnectException) {
      return "could not connect: " + cause.getMessage();
    }
    return "connection error: " + (cause == null ? "unknown" : cause.getMessage());
  }

  private void file(Sent sent, Optional<Integer> status, Optional<Refusal> refusal) {
    Instant now = clock.instant();
    RequestAttempt attempt =
        new RequestAttempt(
            sent.endpoint(),
            sent.requestLine(),
            status,
            Duration.between(sent.start(), now),
            refusal.map(Refusal::errorClass),
            refusal.map(Refusal::text),
            now);
    attempts
        .recordFor(sent.on(), attempt)
        .forEach(
            (job, storeDown) ->
                LOG.warn(
                    "could not file the attempt of job {} ({} answered {}): {}",
                    job.value(),
                    sent.endpoint(),
                    status.map(String::valueOf).orElse("nothing"),
                    storeDown.getMessage()));
  }
}
