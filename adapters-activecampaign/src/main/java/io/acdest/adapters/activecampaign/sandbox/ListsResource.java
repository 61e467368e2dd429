package io.acdest.adapters.activecampaign.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acdest.adapters.crm.SandboxRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/3/contactLists}: a contact's status on a list, {@code "1"} subscribed or {@code "2"}
 * unsubscribed. A list or contact the account does not have answers 404 in the {@code message} shape the published
 * description uses for missing records. {@code GET /api/3/lists} pages the account's lists, and {@code POST
 * /api/3/lists} creates one (a person changing the account), as the published description shows.
 */
record ListsResource(SandboxAccount account, Replies replies) {

  void mount(SandboxRoutes routes) {
    routes.add(HttpMethod.POST, "/api/3/contactLists", this::setStatus);
    routes.add(HttpMethod.GET, "/api/3/lists", this::list);
    routes.add(HttpMethod.POST, "/api/3/lists", this::create);
  }

  private void list(RoutingContext ctx) {
    synchronized (account) {
      java.util.List<ObjectNode> lists = new java.util.ArrayList<>();
      account.lists.forEach(
          (id, name) ->
              lists.add(
                  account
                      .json
                      .createObjectNode()
                      .put("id", id)
                      .put("name", name)
                      .put(
                          "stringid",
                          name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"))));
      replies.json(ctx, 200, replies.page(ctx, "lists", lists));
    }
  }

  private void create(RoutingContext ctx) {
    JsonNode request = replies.bodyOf(ctx).path("list");
    String name = request.path("name").asText("").strip();
    synchronized (account) {
      if (name.isEmpty()) {
        replies.errors(ctx, 422, "List name is required", "", null);
        return;
      }
      String id = account.newId();
      account.lists.put(id, name);
      ObjectNode body = account.json.createObjectNode();
      body.putObject("list").put("id", id).put("name", name);
      replies.json(ctx, 201, body);
    }
  }

  private void setStatus(RoutingContext ctx) {
    JsonNode request = replies.bodyOf(ctx).path("contactList");
    String list = request.path("list").asText();
    String contact = request.path("contact").asText();
    String status = request.path("status").asText();
    synchronized (account) {
      if (!account.lists.containsKey(list)) {
        replies.message(ctx, 404, "No Result found for List with id " + list);
        return;
      }
      if (!account.contacts.containsKey(contact)) {
        ContactsResource.noSuchContact(replies, ctx, contact);
        return;
      }
      if (!status.equals("1") && !status.equals("2")) {
        replies.errors(
            ctx, 422, "Invalid status", "status must be 1 (subscribed) or 2 (unsubscribed)", null);
        return;
      }
      account.statusesOf(contact).put(list, status);
      ObjectNode body = account.json.createObjectNode();
      body.putObject("contactList").put("list", list).put("contact", contact).put("status", status);
      replies.json(ctx, 200, body);
    }
  }
}
