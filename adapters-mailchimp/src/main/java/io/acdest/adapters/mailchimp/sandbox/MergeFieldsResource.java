package io.acdest.adapters.mailchimp.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acdest.adapters.crm.SandboxRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /lists/{id}/merge-fields}: an audience's merge fields, paged by {@code count} and {@code offset}. */
record MergeFieldsResource(McAccount account, McReplies replies) {

  void mount(SandboxRoutes routes) {
    routes.add(HttpMethod.GET, "/3.0/lists/:list/merge-fields", this::list);
  }

  private void list(RoutingContext ctx) {
    Audience audience = account.audiences.get(ctx.pathParam("list"));
    if (audience == null) {
      replies.notFound(ctx);
      return;
    }
    int count = Math.min(1000, McReplies.intParam(ctx, "count", 10));
    int offset = McReplies.intParam(ctx, "offset", 0);
    ObjectNode page =
        replies
            .object()
            .put("list_id", audience.id)
            .put("total_items", audience.mergeFields.size());
    ArrayNode fields = page.putArray("merge_fields");
    audience.mergeFields.values().stream().skip(offset).limit(count).forEach(fields::add);
    replies.reply(ctx, 200, page);
  }
}
