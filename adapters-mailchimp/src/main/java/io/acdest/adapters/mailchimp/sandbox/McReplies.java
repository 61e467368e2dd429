package io.acdest.adapters.mailchimp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How the sandbox answers: JSON, and errors as {@code application/problem+json} with {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance} (recorded answers in grouparoo/grouparoo's Mailchimp fixtures:
 * "Resource Not Found", "The requested resource could not be found.").
 */
final class McReplies {
  private static final String ERRORS_DOC = "https://mailchimp.com/developer/marketing/docs/errors/";
  static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** The detail of every "Invalid Resource" answer about a field. */
  static final String SEE_ERRORS =
      "The resource submitted could not be validated. For field-specific details, see the 'errors' array.";

  private final ObjectMapper json;

  McReplies(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode object() {
    return json.createObjectNode();
  }

  void reply(RoutingContext ctx, int status, JsonNode body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.toString());
  }

  void problem(RoutingContext ctx, int status, String title, String detail, ArrayNode errors) {
    ObjectNode body =
        object()
            .put("type", ERRORS_DOC)
            .put("title", title)
            .put("status", status)
            .put("detail", detail)
            .put("instance", UUID.randomUUID().toString());
    if (errors != null) {
      body.set("errors", errors);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json; charset=utf-8")
        .end(body.toString());
  }

  void notFound(RoutingContext ctx) {
    problem(ctx, 404, "Resource Not Found", "The requested resource could not be found.", null);
  }

  void invalid(RoutingContext ctx, String detail, String field, String message) {
    ArrayNode errors = json.createArrayNode();
    errors.addObject().put("field", field).put("message", message);
    problem(ctx, 400, "Invalid Resource", detail, errors);
  }

  /** Whether the email looks real; if not, answers 400 as Mailchimp does. */
  boolean validEmail(RoutingContext ctx, String email) {
    if (EMAIL.matcher(email).matches()) {
      return true;
    }
    problem(
        ctx,
        400,
        "Invalid Resource",
        email + " looks fake or invalid, please enter a real email address.",
        null);
    return false;
  }

  /** The request's JSON object; null once a 400 has answered. */
  JsonNode body(RoutingContext ctx) {
    try {
      JsonNode body = json.readTree(ctx.body().asString() == null ? "" : ctx.body().asString());
      if (body != null && body.isObject()) {
        return body;
      }
    } catch (java.io.IOException notJson) {
      // below
    }
    problem(
        ctx,
        400,
        "JSON Parse Exception",
        "We encountered an unspecified JSON parsing error.",
        null);
    return null;
  }

  static int intParam(RoutingContext ctx, String name, int otherwise) {
    try {
      return Integer.parseInt(ctx.queryParams().get(name));
    } catch (NumberFormatException | NullPointerException absent) {
      return otherwise;
    }
  }
}
