package io.acdest.adapters.activecampaign.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acdest.adapters.crm.SandboxRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/3/fields}: the custom fields, paged like every list (with their {@code fieldOptions}); {@code POST}
 * adds one and {@code DELETE /fields/{id}} removes one with its values (404 {@code No Result found for Field with id
 * N} when there is none), as the published API description shows: a person changing the account.
 */
record FieldsResource(SandboxAccount account, Replies replies) {

  void mount(SandboxRoutes routes) {
    routes.add(HttpMethod.GET, "/api/3/fields", this::list);
    routes.add(HttpMethod.POST, "/api/3/fields", this::create);
    routes.add(HttpMethod.DELETE, "/api/3/fields/:id", this::delete);
  }

  private void list(RoutingContext ctx) {
    synchronized (account) {
      List<ObjectNode> fields = new ArrayList<>(account.fields.values());
      ObjectNode body = replies.page(ctx, "fields", fields);
      ArrayNode options = body.putArray("fieldOptions");
      for (ObjectNode field : fields) {
        field
            .path("options")
            .forEach(
                option ->
                    options
                        .addObject()
                        .put("field", field.path("id").asText())
                        .put("value", option.asText())
                        .put("label", option.asText()));
      }
      replies.json(ctx, 200, body);
    }
  }

  private void create(RoutingContext ctx) {
    var request = replies.bodyOf(ctx).path("field");
    String title = request.path("title").asText("").strip();
    synchronized (account) {
      if (title.isEmpty()) {
        replies.errors(ctx, 422, "Field title is required", "", null);
        return;
      }
      String id = account.newId();
      String perstag =
          request
              .path("perstag")
              .asText(title.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_"));
      ObjectNode field =
          account
              .json
              .createObjectNode()
              .put("id", id)
              .put("title", title)
              .put("perstag", perstag)
              .put("type", request.path("type").asText("text"));
      field.putArray("options");
      account.fields.put(id, field);
      ObjectNode body = account.json.createObjectNode();
      body.set("field", field);
      replies.json(ctx, 201, body);
    }
  }

  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    synchronized (account) {
      if (!account.deleteField(id)) {
        replies.message(ctx, 404, "No Result found for Field with id " + id);
        return;
      }
      replies.empty(ctx);
    }
  }
}
