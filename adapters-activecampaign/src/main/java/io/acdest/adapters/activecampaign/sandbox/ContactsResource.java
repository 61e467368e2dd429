package io.acdest.adapters.activecampaign.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acdest.adapters.crm.SandboxRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /api/3/contacts}, {@code /api/3/contact/sync}, {@code /api/3/contacts/{id}} (read, update, delete) and
 * {@code /api/3/contacts/{id}/contactTags}. A contact deleted (by a person in the account, or by a test standing for
 * one) answers 404 {@code {"message":"No Result found for Subscriber with id N"}} to every request naming its id, as
 * the published API description shows for {@code GET} and {@code PUT /contacts/{id}}.
 */
record ContactsResource(SandboxAccount account, Replies replies) {
  private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

  void mount(SandboxRoutes routes) {
    routes.add(HttpMethod.GET, "/api/3/contacts", this::find);
    routes.add(HttpMethod.POST, "/api/3/contact/sync", this::sync);
    routes.add(HttpMethod.GET, "/api/3/contacts/:id", this::read);
    routes.add(HttpMethod.PUT, "/api/3/contacts/:id", this::update);
    routes.add(HttpMethod.DELETE, "/api/3/contacts/:id", this::delete);
    routes.add(HttpMethod.GET, "/api/3/contacts/:id/contactTags", this::tagsOf);
  }

  /** The 404 of a contact id the account does not have (any more). */
  static void noSuchContact(Replies replies, RoutingContext ctx, String id) {
    replies.message(ctx, 404, "No Result found for Subscriber with id " + id);
  }

  private void find(RoutingContext ctx) {
    String email =
        Optional.ofNullable(ctx.request().getParam("email")).orElse("").toLowerCase(Locale.ROOT);
    synchronized (account) {
      ArrayNode found = account.json.createArrayNode();
      account.contacts.values().stream()
          .filter(c -> c.path("email").asText().equals(email))
          .forEach(found::add);
      ObjectNode body = account.json.createObjectNode();
      body.set("contacts", found);
      body.putObject("meta").put("total", Integer.toString(found.size()));
      replies.json(ctx, 200, body);
    }
  }

  /**
   * Creates or updates by email, with {@code fieldValues} inline. A field id the account does not have is refused
   * with 422 (the published description does not say what happens; refusing is the stricter reading, and the
   * client recovers from either: see {@code FieldCatalogue}).
   */
  private void sync(RoutingContext ctx) {
    JsonNode contact = replies.bodyOf(ctx).path("contact");
    String email = contact.path("email").asText("").strip().toLowerCase(Locale.ROOT);
    synchronized (account) {
      if (!email.matches(EMAIL)) {
        replies.errors(ctx, 422, "Contact Email Address is not valid.", "", "email_invalid");
        return;
      }
      for (JsonNode value : contact.path("fieldValues")) {
        String field = value.path("field").asText();
        if (!account.fields.containsKey(field)) {
          replies.errors(
              ctx, 422, "Field not found", "no custom field with id " + field, "field_missing");
          return;
        }
      }
      ObjectNode existing = account.contactByEmail(email);
      boolean created = existing == null;
      ObjectNode stored = created ? account.newContact(email) : existing;
      for (String basic : List.of("firstName", "lastName", "phone")) {
        if (contact.hasNonNull(basic)) {
          stored.put(basic, contact.get(basic).asText());
        }
      }
      for (JsonNode value : contact.path("fieldValues")) {
        ((ObjectNode) stored.path("fieldValues"))
            .put(value.path("field").asText(), value.path("value").asText());
      }
      ObjectNode body = account.json.createObjectNode();
      body.set("contact", account.contactView(stored));
      replies.json(ctx, created ? 201 : 200, body);
    }
  }

  private void read(RoutingContext ctx) {
    synchronized (account) {
      ObjectNode stored = account.contacts.get(ctx.pathParam("id"));
      if (stored == null) {
        noSuchContact(replies, ctx, ctx.pathParam("id"));
        return;
      }
      ObjectNode body = account.json.createObjectNode();
      body.set("contact", account.contactView(stored));
      replies.json(ctx, 200, body);
    }
  }

  private void update(RoutingContext ctx) {
    JsonNode contact = replies.bodyOf(ctx).path("contact");
    synchronized (account) {
      ObjectNode stored = account.contacts.get(ctx.pathParam("id"));
      if (stored == null) {
        noSuchContact(replies, ctx, ctx.pathParam("id"));
        return;
      }
      if (contact.hasNonNull("email")) {
        String email = contact.get("email").asText().strip().toLowerCase(Locale.ROOT);
        ObjectNode other = account.contactByEmail(email);
        if (other != null && !other.path("id").equals(stored.path("id"))) {
          replies.errors(ctx, 422, "Email address already exists in the system", "", "duplicate");
          return;
        }
        stored.put("email", email);
      }
      for (String basic : List.of("firstName", "lastName", "phone")) {
        if (contact.hasNonNull(basic)) {
          stored.put(basic, contact.get(basic).asText());
        }
      }
      ObjectNode body = account.json.createObjectNode();
      body.set("contact", account.contactView(stored));
      replies.json(ctx, 200, body);
    }
  }

  /** Deletes the contact with its tags and list statuses; 404 with the published wording when there is none. */
  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    synchronized (account) {
      if (!account.deleteContact(id)) {
        replies.message(ctx, 404, "No result found for contact with id " + id);
        return;
      }
      replies.empty(ctx);
    }
  }

  private void tagsOf(RoutingContext ctx) {
    String contact = ctx.pathParam("id");
    synchronized (account) {
      if (!account.contacts.containsKey(contact)) {
        noSuchContact(replies, ctx, contact);
        return;
      }
      ArrayNode found = account.json.createArrayNode();
      account.contactTags.values().stream()
          .filter(ct -> ct.path("contact").asText().equals(contact))
          .forEach(found::add);
      ObjectNode body = account.json.createObjectNode();
      body.set("contactTags", found);
      replies.json(ctx, 200, body);
    }
  }
}
