package io.acdest.adapters.mailchimp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.crm.CrmExchange;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.CrmFailure.Kind;
import java.util.Optional;

/**
 * What Mailchimp's answers mean, in one place: a non-2xx answer classified into the {@link CrmFailure} kind the core
 * acts on, a 2xx answer that is not Mailchimp's JSON a configuration error, and the error class and words an
 * attempt records. No I/O: {@link McHttp} sends, this reads.
 */
final class McAnswers {
  private final ObjectMapper json;

  McAnswers(ObjectMapper json) {
    this.json = json;
  }

  /** The error class and words of an answer that failed; empty for a success. */
  Optional<CrmExchange.Refusal> refusal(String endpoint, McHttp.Answer answer) {
    int status = answer.status();
    if (status / 100 != 2) {
      return Optional.of(
          new CrmExchange.Refusal(
              status >= 500 ? "server_error" : status == 429 ? "throttled" : "client_error",
              McProblem.parse(json, answer.body()).text()));
    }
    if (readObject(answer.body()).isEmpty()) {
      // refused with a 2xx: what answered is not Mailchimp's API
      return Optional.of(
          new CrmExchange.Refusal("not_json", notJson(endpoint, answer).getMessage()));
    }
    return Optional.empty();
  }

  /** A 2xx body as JSON: an empty body (a 204) is an empty object; empty when it is not a JSON object. */
  Optional<JsonNode> readObject(String body) {
    if (body.isBlank()) {
      return Optional.of(json.createObjectNode());
    }
    try {
      JsonNode node = json.readTree(body);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
  }

  /** A 2xx answer that is not Mailchimp's JSON (a proxy's or login page): the API URL is not Mailchimp's. */
  CrmFailure notJson(String endpoint, McHttp.Answer answer) {
    return new CrmFailure(
        Kind.CONFIGURATION,
        endpoint
            + ": Mailchimp answered "
            + answer.status()
            + " with a body that is not JSON: check MAILCHIMP_API_URL");
  }

  /**
   * docs/behaviour.md §4's classification of a non-2xx answer, on Mailchimp's terms: 429 (too many connections) waits
   * and retries; 401 and a 403 with Mailchimp's JSON (a revoked or wrong key, a disabled user) pause deliveries; a bare
   * 403
   * without a body is Mailchimp throttling at high volume, not a refusal; 404 is what the caller says it means; 400
   * is dead with Mailchimp's title, detail and field errors; 408 and 5xx but 501 are retried.
   */
  CrmFailure classify(String endpoint, McHttp.Answer answer, Kind whenNotFound) {
    int status = answer.status();
    McProblem problem = McProblem.parse(json, answer.body());
    String text = endpoint + ": " + status + " " + problem.text();
    if (status == 429 || (status == 403 && !problem.json() && answer.body().isBlank())) {
      return new CrmFailure(Kind.THROTTLED, text, Optional.of(McHttp.THROTTLE_WAIT));
    }
    if (status == 401 || status == 403) {
      return new CrmFailure(
          Kind.CONFIGURATION, text + " (check MAILCHIMP_API_KEY and MAILCHIMP_API_URL)");
    }
    if (status == 404) {
      return new CrmFailure(
          whenNotFound,
          text + (whenNotFound == Kind.CONFIGURATION ? " (check MAILCHIMP_AUDIENCE_ID)" : ""));
    }
    if (status == 408 || (status >= 500 && status != 501)) {
      return new CrmFailure(Kind.TRANSIENT, text);
    }
    return new CrmFailure(Kind.PERMANENT, text);
  }
}
