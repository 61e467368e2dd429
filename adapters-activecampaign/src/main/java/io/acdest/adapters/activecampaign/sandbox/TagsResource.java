package io.acdest.adapters.activecampaign.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acdest.adapters.crm.SandboxRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /api/3/tags} (list and search, create, delete) and {@code /api/3/contactTags} (attach, detach), as the
 * published API description and users' reports show them:
 * <ul>
 *   <li>{@code GET /tags?search=x}: tags whose name contains {@code x}, ignoring case ("contains operator is
 *       assumed"); {@code orders[search]=weight}: exact matches first, then names starting with it, then the rest;
 *       20 per page unless {@code limit} says otherwise (integrations that read only the first page miss tags:
 *       solspace/craft-freeform#437, verbb/formie#1389);
 *   <li>{@code POST /tags} with a name the account has, in any case: 422
 *       {@code {"message":"Could not process request","error":"Duplicate entry 'contact-<name>' for key 'typetag'"}}
 *       (verbb/formie#1389);
 *   <li>{@code POST /contactTags} for a contact that is gone: 404
 *       {@code {"errors":[{"status":404,"title":"Not Found","detail":"Contact not found"}]}} (published); for a tag
 *       that is gone, the same with {@code "Tag not found"} (by analogy; not published);
 *   <li>{@code DELETE /contactTags/{id}} of one that is gone: 404 {@code No Result found for SubscriberTag with id N}.
 * </ul>
 */
record TagsResource(SandboxAccount account, Replies replies) {

  void mount(SandboxRoutes routes) {
    routes.add(HttpMethod.GET, "/api/3/tags", this::list);
    routes.add(HttpMethod.POST, "/api/3/tags", this::create);
    routes.add(HttpMethod.DELETE, "/api/3/tags/:id", this::delete);
    routes.add(HttpMethod.POST, "/api/3/contactTags", this::attach);
    routes.add(HttpMethod.DELETE, "/api/3/contactTags/:id", this::detach);
  }

  private void list(RoutingContext ctx) {
    String search =
        Optional.ofNullable(ctx.request().getParam("search"))
            .orElse("")
            .strip()
            .toLowerCase(Locale.ROOT);
    boolean byWeight = "weight".equals(ctx.request().getParam("orders[search]"));
    synchronized (account) {
      List<ObjectNode> found =
          account.tags.values().stream()
              .filter(t -> t.path("tag").asText().toLowerCase(Locale.ROOT).contains(search))
              .sorted(byWeight ? Comparator.comparingInt(t -> weight(t, search)) : (a, b) -> 0)
              .toList();
      replies.json(ctx, 200, replies.page(ctx, "tags", found));
    }
  }

  private static int weight(ObjectNode tag, String search) {
    String name = tag.path("tag").asText().toLowerCase(Locale.ROOT);
    return name.equals(search) ? 0 : name.startsWith(search) ? 1 : 2;
  }

  private void create(RoutingContext ctx) {
    JsonNode request = replies.bodyOf(ctx).path("tag");
    String name = request.path("tag").asText("").strip();
    String type = request.path("tagType").asText("contact");
    synchronized (account) {
      if (name.isEmpty()) {
        replies.errors(ctx, 422, "Tag name is required", "", null);
        return;
      }
      if (account.tagNamed(name).isPresent()) {
        replies.messageAndError(
            ctx,
            422,
            "Could not process request",
            "Duplicate entry '" + type + "-" + name + "' for key 'typetag'");
        return;
      }
      ObjectNode body = account.json.createObjectNode();
      body.set("tag", account.newTag(name, type));
      replies.json(ctx, 201, body);
    }
  }

  /** Deletes the tag and takes it off every contact (what a marketer's delete in the UI does). */
  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    synchronized (account) {
      if (!account.deleteTag(id)) {
        replies.message(ctx, 404, "No Result found for Tag with id " + id);
        return;
      }
      replies.empty(ctx);
    }
  }

  private void attach(RoutingContext ctx) {
    JsonNode request = replies.bodyOf(ctx).path("contactTag");
    String contact = request.path("contact").asText();
    String tag = request.path("tag").asText();
    synchronized (account) {
      if (!account.contacts.containsKey(contact)) {
        replies.notFoundError(ctx, "Contact not found");
        return;
      }
      if (!account.tags.containsKey(tag)) {
        replies.notFoundError(ctx, "Tag not found");
        return;
      }
      if (account.hasTag(contact, tag)) {
        replies.errors(ctx, 422, "The related contact tag already exists", "", "duplicate");
        return;
      }
      ObjectNode body = account.json.createObjectNode();
      body.set("contactTag", account.attach(contact, tag));
      replies.json(ctx, 201, body);
    }
  }

  private void detach(RoutingContext ctx) {
    synchronized (account) {
      if (account.contactTags.remove(ctx.pathParam("id")) == null) {
        replies.message(
            ctx, 404, "No Result found for SubscriberTag with id " + ctx.pathParam("id"));
        return;
      }
      replies.empty(ctx);
    }
  }
}
