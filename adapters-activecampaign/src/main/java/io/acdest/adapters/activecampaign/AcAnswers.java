package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.crm.CrmExchange;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.CrmFailure.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What ActiveCampaign's answers mean, in one place (docs/behaviour.md §4): a non-2xx answer classified by its status
 * and body into the {@link CrmFailure} kind the core acts on; a 2xx answer that is not what a success holds (the
 * tracking host's {@code {"success":0}}, a login page) a refusal; how long a throttling answer asks to wait; and
 * the error class and words an attempt records. No I/O: {@link AcHttp} sends, this reads.
 */
final class AcAnswers {
  private final ObjectMapper json;
  private final Clock clock;

  AcAnswers(ObjectMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  /** The JSON of a 2xx answer; anything else classified and thrown. */
  JsonNode expectJson(String endpoint, AcHttp.Answer answer, boolean rest) {
    Optional<CrmFailure> failure =
        failureOf(
            endpoint,
            answer,
            rest,
            rest ? AcHttp.Expect.JSON_OBJECT : AcHttp.Expect.TRACKING_SUCCESS);
    if (failure.isPresent()) {
      throw failure.get();
    }
    return readObject(answer.body()).orElseThrow();
  }

  /**
   * The one classification of an answer (docs/behaviour.md §4): a non-2xx answer classified by its status and body; a
   * 2xx answer that is not what {@code expect} says a success holds is a refusal. Empty for a success.
   */
  Optional<CrmFailure> failureOf(
      String endpoint, AcHttp.Answer answer, boolean rest, AcHttp.Expect expect) {
    if (answer.status() / 100 != 2) {
      return Optional.of(classify(endpoint, answer, rest));
    }
    if (expect == AcHttp.Expect.ANY) {
      return Optional.empty();
    }
    Optional<JsonNode> body = readObject(answer.body());
    if (body.isEmpty()) {
      return Optional.of(
          new CrmFailure(
              Kind.CONFIGURATION,
              endpoint
                  + ": ActiveCampaign answered "
                  + answer.status()
                  + " with a body that is not JSON (a login page?): "
                  + error(answer).text()
                  + " ("
                  + hint(rest)
                  + ")"));
    }
    if (expect == AcHttp.Expect.TRACKING_SUCCESS && body.get().path("success").asInt(0) != 1) {
      // A refused event means the account is not set up for it (tracking off, wrong key): pause,
      // don't kill.
      return Optional.of(
          new CrmFailure(
              Kind.CONFIGURATION,
              endpoint
                  + ": ActiveCampaign refused the event with "
                  + answer.status()
                  + ": "
                  + body.get().path("message").asText("no message")
                  + " ("
                  + hint(false)
                  + ")"));
    }
    return Optional.empty();
  }

  /** What to check when the host that answered refuses the service's settings. */
  static String hint(boolean rest) {
    return rest
        ? "check the ActiveCampaign API URL and key"
        : "check the ActiveCampaign tracking URL, account id (actid) and event key, and that event tracking is"
            + " enabled in the account";
  }

  private Optional<JsonNode> readObject(String body) {
    try {
      JsonNode node = json.readTree(body);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
  }

  /**
   * docs/behaviour.md §4's classification of a non-2xx answer. A REST answer that is not the API's JSON (an HTML login
   * or error page) means the API URL or key is wrong: a configuration error, which pauses instead of killing the
   * backlog.
   */
  CrmFailure classify(String endpoint, AcHttp.Answer answer, boolean rest) {
    int status = answer.status();
    AcErrorBody error = error(answer);
    String text = endpoint + ": " + status + " " + error.text();
    Optional<Duration> throttled = throttleWait(status, answer.retryAfter());
    if (throttled.isPresent()) {
      // its host's budget (only) was paused when the answer was read (noteRetryAfter)
      return new CrmFailure(Kind.THROTTLED, text, throttled);
    }
    if (rest && (status == 401 || status == 403)) {
      return new CrmFailure(Kind.CONFIGURATION, text + " (" + hint(true) + ")");
    }
    if (status == 408 || status == 423 || (status >= 500 && status != 501)) {
      return new CrmFailure(Kind.TRANSIENT, text);
    }
    if (rest && !error.json() && !answer.body().isBlank()) {
      return new CrmFailure(Kind.CONFIGURATION, text + " (" + hint(true) + ")");
    }
    return new CrmFailure(Kind.PERMANENT, text);
  }

  /** ActiveCampaign's own words from an error body, whatever its shape ({@link AcErrorBody}). */
  String errorText(String body) {
    return AcErrorBody.parse(json, body).text();
  }

  /** The error body of an answer, read. */
  AcErrorBody error(AcHttp.Answer answer) {
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

  /**
   * How long a throttling answer asks to wait: a 429 (its Retry-After, else 1 s) or a 503 with a readable
   * Retry-After; empty for any other answer.
   */
  Optional<Duration> throttleWait(int status, Optional<String> retryAfter) {
    Optional<Duration> wait = retryAfter.flatMap(this::parseRetryAfter);
    if (status == 429) {
      return Optional.of(wait.orElse(Duration.ofSeconds(1)));
    }
    return status == 503 ? wait : Optional.empty();
  }

  /**
   * The error class and words of an answer that failed: by status for a non-2xx answer (with the CRM's words from
   * its body); {@code refused} for a 2xx answer whose body refuses (with its words), {@code not_json} for a 2xx
   * answer that is not the API's JSON.
   */
  CrmExchange.Refusal refusal(AcHttp.Answer answer, CrmFailure failure) {
    int status = answer.status();
    if (status / 100 != 2) {
      return new CrmExchange.Refusal(
          status >= 500 ? "server_error" : status == 429 ? "throttled" : "client_error",
          errorText(answer.body()));
    }
    Optional<JsonNode> body = readObject(answer.body());
    return body.isPresent()
        ? new CrmExchange.Refusal(
            "refused", body.get().path("message").asText(failure.getMessage()))
        : new CrmExchange.Refusal("not_json", failure.getMessage());
  }
}
