package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ActiveCampaign error answer, read in every shape the published API description and users report, so that its
 * words are kept on the message and the adapter can tell one error from another:
 * <ul>
 *   <li>{@code {"errors":[{"title":"...","detail":"...","code":"duplicate","source":{...}}]}} (validation, some 404s);
 *   <li>{@code {"message":"No Result found for Subscriber with id 1"}} (a missing record, a 403);
 *   <li>{@code {"message":"Could not process request","error":"Duplicate entry 'contact-x' for key 'typetag'"}}
 *       (a refused write; verbb/formie#1389);
 *   <li>anything else: an HTML page (a login or error page, when the API URL is not the account's API), or text.
 * </ul>
 */
record AcErrorBody(String text, List<String> codes, boolean json) {
  private static final int MAX_TEXT = 300;
  private static final Pattern TITLE =
      Pattern.compile("<title>\\s*(.*?)\\s*</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern CONTACT_GONE =
      Pattern.compile(
          "no result found for (subscriber|contact) with id|contact not found",
          Pattern.CASE_INSENSITIVE);

  static AcErrorBody parse(ObjectMapper mapper, String body) {
    String raw = body == null ? "" : body.strip();
    try {
      JsonNode node = raw.isEmpty() ? null : mapper.readTree(raw);
      if (node != null && node.isObject()) {
        List<String> parts = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (JsonNode error : node.path("errors")) {
          StringBuilder part = new StringBuilder(error.path("title").asText(""));
          for (String extra : List.of("detail", "error")) {
            String value = error.path(extra).asText("");
            if (!value.isEmpty()) {
              part.append(part.isEmpty() ? "" : ": ").append(value);
            }
          }
          parts.add(part.toString());
          if (!error.path("code").asText("").isEmpty()) {
            codes.add(error.path("code").asText());
          }
        }
        String message = node.path("message").asText("");
        String error = node.path("error").isTextual() ? node.path("error").asText() : "";
        if (!message.isEmpty() || !error.isEmpty()) {
          parts.add(message + (!message.isEmpty() && !error.isEmpty() ? ": " : "") + error);
        }
        String text = String.join("; ", parts.stream().filter(p -> !p.isBlank()).toList());
        return new AcErrorBody(shorten(text.isEmpty() ? raw : text), List.copyOf(codes), true);
      }
    } catch (JsonProcessingException notJson) {
      // below
    }
    if (raw.regionMatches(true, 0, "<!doctype html", 0, 14)
        || raw.regionMatches(true, 0, "<html", 0, 5)) {
      Matcher title = TITLE.matcher(raw);
      return new AcErrorBody(
          "an HTML page"
              + (title.find() ? " (\"" + shorten(title.group(1)) + "\")" : "")
              + ", not the API's JSON",
          List.of(),
          false);
    }
    return new AcErrorBody(shorten(raw), List.of(), false);
  }

  /** The answer says a record already exists (a code {@code duplicate}, or its words say so, in any case). */
  boolean duplicate() {
    return codes.stream().anyMatch(c -> c.equalsIgnoreCase("duplicate"))
        || text.toLowerCase(Locale.ROOT).contains("duplicate")
        || text.toLowerCase(Locale.ROOT).contains("already exists");
  }

  /** The answer says the contact the request named does not exist (deleted in the account). */
  boolean contactGone() {
    return CONTACT_GONE.matcher(text).find();
  }

  private static String shorten(String text) {
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
  }
}
