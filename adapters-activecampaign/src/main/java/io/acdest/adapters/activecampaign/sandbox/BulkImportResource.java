package io.acdest.adapters.activecampaign.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acdest.adapters.crm.SandboxRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/3/import/bulk_import}, applied at once (ActiveCampaign queues it and applies it shortly after):
 * up to 250 contacts, each upserted by email with its fields, tags (created when missing) and lists; subscribing
 * does not re-add a contact who unsubscribed from the list.
 */
record BulkImportResource(SandboxAccount account, Replies replies) {
  private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

  void mount(SandboxRoutes routes) {
    routes.add(HttpMethod.POST, "/api/3/import/bulk_import", this::bulkImport);
  }

  private void bulkImport(RoutingContext ctx) {
    JsonNode contactsToImport = replies.bodyOf(ctx).path("contacts");
    synchronized (account) {
      ObjectNode result = account.json.createObjectNode();
      if (!contactsToImport.isArray()
          || contactsToImport.isEmpty()
          || contactsToImport.size() > 250) {
        replies.json(
            ctx,
            400,
            result.put("success", 0).put("message", "contacts must hold 1 to 250 contacts"));
        return;
      }
      ArrayNode failures = account.json.createArrayNode();
      for (int i = 0; i < contactsToImport.size(); i++) {
        String email =
            contactsToImport.get(i).path("email").asText("").strip().toLowerCase(Locale.ROOT);
        if (!email.matches(EMAIL)) {
          failures
              .addObject()
              .put("contact", i)
              .put("failureReason", "Field 'email' incorrect format");
        }
      }
      if (!failures.isEmpty()) {
        result
            .put("success", 0)
            .put("message", "JSON payload did not pass validation.")
            .set("failureReasons", failures);
        replies.json(ctx, 400, result);
        return;
      }
      contactsToImport.forEach(this::importOne);
      replies.json(
          ctx,
          200,
          result
              .put("success", 1)
              .put("queued_contacts", contactsToImport.size())
              .put("batchId", java.util.UUID.randomUUID().toString())
              .put("message", "Contact import queued"));
    }
  }

  private void importOne(JsonNode imported) {
    String email = imported.path("email").asText().strip().toLowerCase(Locale.ROOT);
    ObjectNode stored =
        Optional.ofNullable(account.contactByEmail(email))
            .orElseGet(() -> account.newContact(email));
    copy(imported, "first_name", stored, "firstName");
    copy(imported, "last_name", stored, "lastName");
    copy(imported, "phone", stored, "phone");
    for (JsonNode field : imported.path("fields")) {
      if (account.fields.containsKey(field.path("id").asText())) {
        ((ObjectNode) stored.path("fieldValues"))
            .put(field.path("id").asText(), field.path("value").asText());
      }
    }
    String contact = stored.path("id").asText();
    for (JsonNode tagName : imported.path("tags")) {
      String tagId =
          account
              .tagNamed(tagName.asText())
              .orElseGet(() -> account.newTag(tagName.asText(), "contact"))
              .path("id")
              .asText();
      if (!account.hasTag(contact, tagId)) {
        account.attach(contact, tagId);
      }
    }
    Map<String, String> statuses = account.statusesOf(contact);
    for (JsonNode list : imported.path("subscribe")) {
      String id = list.path("listid").asText();
      if (account.lists.containsKey(id) && !"2".equals(statuses.get(id))) {
        statuses.put(id, "1");
      }
    }
    for (JsonNode list : imported.path("unsubscribe")) {
      String id = list.path("listid").asText();
      if (account.lists.containsKey(id)) {
        statuses.put(id, "2");
      }
    }
  }

  private static void copy(JsonNode from, String fromKey, ObjectNode to, String toKey) {
    if (from.hasNonNull(fromKey)) {
      to.put(toKey, from.get(fromKey).asText());
    }
  }
}
