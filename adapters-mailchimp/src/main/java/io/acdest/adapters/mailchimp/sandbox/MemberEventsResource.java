package io.acdest.adapters.mailchimp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acdest.adapters.crm.SandboxRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code POST …/members/{hash}/events}: an event of a member, its name 2-30 letters, digits, underscores or dashes
 * (mailchimp/mailchimp-sdk-ios#70) and its properties strings only; 204.
 */
record MemberEventsResource(McAccount account, McReplies replies) {
  private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_-]{2,30}");

  void mount(SandboxRoutes routes) {
    routes.add(HttpMethod.POST, "/3.0/lists/:list/members/:hash/events", this::add);
  }

  private void add(RoutingContext ctx) {
    MemberRequest request = MemberRequest.ofMember(ctx, account, replies, true);
    if (request == null) {
      return;
    }
    JsonNode body = request.body();
    String name = body.path("name").asText("");
    if (!EVENT_NAME.matcher(name).matches()) {
      replies.invalid(
          ctx,
          McReplies.SEE_ERRORS,
          "name",
          "Event names must be 2-30 characters: letters, numbers, underscores and dashes.");
      return;
    }
    var fields = body.path("properties").fields();
    while (fields.hasNext()) {
      var property = fields.next();
      if (!property.getValue().isTextual()) {
        replies.invalid(
            ctx,
            McReplies.SEE_ERRORS,
            "properties." + property.getKey(),
            "Schema describes string, "
                + property.getValue().getNodeType().toString().toLowerCase(Locale.ROOT)
                + " found instead");
        return;
      }
    }
    ObjectNode event = replies.object().put("name", name);
    event.set(
        "properties",
        body.path("properties").isObject() ? body.path("properties") : replies.object());
    event.put("occurred_at", body.path("occurred_at").asText(Instant.now().toString()));
    request.member().events.add(event);
    ctx.response().setStatusCode(204).end();
  }
}
