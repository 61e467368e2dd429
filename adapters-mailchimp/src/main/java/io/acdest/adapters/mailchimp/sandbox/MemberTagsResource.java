package io.acdest.adapters.mailchimp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acdest.adapters.crm.SandboxRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A member's tags: {@code GET …/tags} pages the active ones; {@code POST …/tags} marks each named tag active or
 * inactive and answers 204 with an empty body (grouparoo/grouparoo's Mailchimp fixtures).
 */
record MemberTagsResource(McAccount account, McReplies replies) {
  private static final String TAGS = "/3.0/lists/:list/members/:hash/tags";

  void mount(SandboxRoutes routes) {
    routes.add(HttpMethod.GET, TAGS, this::list);
    routes.add(HttpMethod.POST, TAGS, this::change);
  }

  private void list(RoutingContext ctx) {
    MemberRequest request = MemberRequest.ofMember(ctx, account, replies, false);
    if (request == null) {
      return;
    }
    List<String> active =
        request.member().tags.entrySet().stream()
            .filter(Map.Entry::getValue)
            .map(Map.Entry::getKey)
            .toList();
    int count = Math.min(1000, McReplies.intParam(ctx, "count", 10));
    int offset = McReplies.intParam(ctx, "offset", 0);
    ObjectNode page = replies.object().put("total_items", active.size());
    ArrayNode tags = page.putArray("tags");
    active.stream()
        .skip(offset)
        .limit(count)
        .forEach(
            name ->
                tags.addObject()
                    .put("id", McAccount.tagId(name))
                    .put("name", name)
                    .put("date_added", Instant.now().toString()));
    replies.reply(ctx, 200, page);
  }

  private void change(RoutingContext ctx) {
    MemberRequest request = MemberRequest.ofMember(ctx, account, replies, true);
    if (request == null) {
      return;
    }
    Member member = request.member();
    JsonNode body = request.body();
    for (JsonNode tag : body.path("tags")) {
      String name = tag.path("name").asText("").strip();
      String status = tag.path("status").asText("");
      if (name.isEmpty() || !(status.equals("active") || status.equals("inactive"))) {
        replies.invalid(
            ctx,
            McReplies.SEE_ERRORS,
            "tags",
            "Each tag needs a name and a status of active or inactive.");
        return;
      }
    }
    for (JsonNode tag : body.path("tags")) {
      String name = tag.path("name").asText().strip();
      String same =
          member.tags.keySet().stream()
              .filter(n -> n.equalsIgnoreCase(name))
              .findFirst()
              .orElse(name);
      member.tags.remove(same);
      member.tags.put(same, tag.path("status").asText().equals("active"));
    }
    ctx.response().setStatusCode(204).end();
  }
}
