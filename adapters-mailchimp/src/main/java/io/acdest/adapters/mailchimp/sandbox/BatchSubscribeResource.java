package io.acdest.adapters.mailchimp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acdest.adapters.crm.SandboxRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * {@code POST /lists/{id}}, batch subscribe: up to 500 members added or updated at once ({@code update_existing}),
 * the answer listing new and updated members and, per member it refused, an entry of {@code errors[]} with its
 * email, words and code (Marketing API reference, "Batch subscribe or unsubscribe").
 */
record BatchSubscribeResource(McAccount account, McReplies replies) {

  void mount(SandboxRoutes routes) {
    routes.add(HttpMethod.POST, "/3.0/lists/:list", this::subscribe);
  }

  private void subscribe(RoutingContext ctx) {
    MemberRequest request = MemberRequest.ofAudience(ctx, account, replies);
    if (request == null) {
      return;
    }
    Audience audience = request.audience();
    JsonNode body = request.body();
    JsonNode members = body.path("members");
    if (!members.isArray() || members.size() > 500) {
      replies.invalid(
          ctx,
          McReplies.SEE_ERRORS,
          "members",
          "Up to 500 members may be added or updated with each call.");
      return;
    }
    boolean updateExisting = body.path("update_existing").asBoolean(false);
    ObjectNode answer = replies.object();
    ArrayNode created = answer.putArray("new_members");
    ArrayNode updated = answer.putArray("updated_members");
    ArrayNode errors = answer.putArray("errors");
    for (JsonNode entry : members) {
      String email = entry.path("email_address").asText("");
      String status = entry.path("status").asText("");
      String hash = McAccount.hash(email);
      Member existing = audience.members.get(hash);
      String code = existing != null && !updateExisting ? "ERROR_CONTACT_EXISTS" : "ERROR_GENERIC";
      String error = refusal(audience, entry, email, status, existing, updateExisting);
      if (error != null) {
        errors.addObject().put("email_address", email).put("error", error).put("error_code", code);
        continue;
      }
      Member member = existing != null ? existing : new Member();
      member.email = email;
      if (existing == null || !status.isEmpty()) {
        member.status = status.isEmpty() ? "subscribed" : status;
      }
      McAccount.mergeInto(audience, member, entry.path("merge_fields"));
      audience.members.put(hash, member);
      (existing == null ? created : updated).add(account.memberJson(audience, member));
    }
    answer
        .put("total_created", created.size())
        .put("total_updated", updated.size())
        .put("error_count", errors.size());
    replies.reply(ctx, 200, answer);
  }

  /** Why the batch refuses this member, in Mailchimp's words; null when it takes it. */
  private static String refusal(
      Audience audience,
      JsonNode entry,
      String email,
      String status,
      Member existing,
      boolean updateExisting) {
    if (!McReplies.EMAIL.matcher(email).matches()) {
      return email + " looks fake or invalid, please enter a real email address.";
    }
    if (audience.forgotten.contains(email.toLowerCase(Locale.ROOT))) {
      return email
          + " was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back"
          + " on the list.";
    }
    if (existing != null && !updateExisting) {
      return email
          + " is already a list member, do you want to update? please provide update_existing:true in the"
          + " request body";
    }
    if (existing != null
        && status.equals("subscribed")
        && (existing.status.equals("unsubscribed") || existing.status.equals("cleaned"))) {
      return email
          + " is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be"
          + " subscribed.";
    }
    if (existing == null
        && McAccount.missingRequired(audience, entry.path("merge_fields")) != null) {
      return "Your merge fields were invalid.";
    }
    return null;
  }
}
