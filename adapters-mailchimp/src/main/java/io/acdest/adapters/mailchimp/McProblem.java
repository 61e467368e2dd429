package io.acdest.adapters.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Mailchimp's error body, {@code application/problem+json} (RFC 7807): {@code title} ("Invalid Resource",
 * "Member In Compliance State"), {@code detail}, and for a refused resource {@code errors[].field} /
 * {@code errors[].message}. An answer that is not such JSON (a bare 403, an HTML "Request Blocked" page) is kept as
 * its first line of text.
 */
record McProblem(boolean json, String title, String detail, List<String> errors) {
  private static final int MAX_TEXT = 300;

  McProblem {
    errors = List.copyOf(errors);
  }

  static McProblem parse(ObjectMapper json, String body) {
    String text = body == null ? "" : body.strip();
    try {
      JsonNode node = text.isEmpty() ? null : json.readTree(text);
      if (node != null && node.isObject() && (node.has("title") || node.has("detail"))) {
        List<String> errors = new ArrayList<>();
        node.path("errors")
            .forEach(
                error ->
                    errors.add(
                        (error.path("field").asText("").isEmpty()
                                ? ""
                                : error.path("field").asText() + ": ")
                            + error.path("message").asText("")));
        return new McProblem(
            true, node.path("title").asText(""), node.path("detail").asText(""), errors);
      }
    } catch (java.io.IOException notJson) {
      // below
    }
    String firstLine =
        text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
    return new McProblem(
        false,
        "",
        firstLine.length() <= MAX_TEXT ? firstLine : firstLine.substring(0, MAX_TEXT),
        List.of());
  }

  /** Mailchimp's own words: "Title: detail (field: message; …)". */
  String text() {
    StringBuilder text = new StringBuilder(title);
    if (!detail.isEmpty()) {
      text.append(text.isEmpty() ? "" : ": ").append(detail);
    }
    if (!errors.isEmpty()) {
      text.append(" (").append(String.join("; ", errors)).append(')');
    }
    return text.isEmpty() ? "no error text" : text.toString();
  }
}
