package io.acdest.adapters.mailchimp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.crm.SandboxRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;

/**
 * An audience's members: read ({@code GET}), upsert ({@code PUT …/members/{hash}} with {@code status_if_new}),
 * update ({@code PATCH}, also the email) and permanent deletion ({@code POST …/actions/delete-permanent}, after
 * which the email is forgotten). Subscribing a member who unsubscribed or was cleaned is 400 "Member In Compliance
 * State" (ibericode/mailchimp-for-wordpress#798, hitobito/hitobito#3631); an email permanently deleted is 400
 * "Forgotten Email Not Subscribed"; a required merge field left empty on a new member is 400 "Invalid Resource",
 * "Your merge fields were invalid.", {@code errors: [{field: "LNAME", message: "Please enter a value"}]}
 * (ibericode/mailchimp-for-wordpress#545).
 */
record MembersResource(McAccount account, McReplies replies) {
  private static final String MEMBER = "/3.0/lists/:list/members/:hash";

  void mount(SandboxRoutes routes) {
    routes.add(HttpMethod.GET, MEMBER, this::get);
    routes.add(HttpMethod.PUT, MEMBER, this::upsert);
    routes.add(HttpMethod.PATCH, MEMBER, this::update);
    routes.add(HttpMethod.POST, MEMBER + "/actions/delete-permanent", this::deletePermanently);
  }

  private void get(RoutingContext ctx) {
    MemberRequest request = MemberRequest.ofMember(ctx, account, replies, false);
    if (request != null) {
      replies.reply(ctx, 200, account.memberJson(request.audience(), request.member()));
    }
  }

  private void upsert(RoutingContext ctx) {
    MemberRequest request = MemberRequest.ofAudience(ctx, account, replies);
    if (request == null) {
      return;
    }
    Audience audience = request.audience();
    JsonNode body = request.body();
    String hash = ctx.pathParam("hash");
    Member existing = audience.members.get(hash);
    String email = body.path("email_address").asText(existing == null ? "" : existing.email);
    if (!replies.validEmail(ctx, email) || !hash.equals(McAccount.hash(email))) {
      if (!ctx.response().ended()) {
        replies.invalid(
            ctx,
            McReplies.SEE_ERRORS,
            "email_address",
            "The email address does not match the subscriber hash in the path.");
      }
      return;
    }
    if (audience.forgotten.contains(email.toLowerCase(Locale.ROOT))) {
      replies.problem(
          ctx,
          400,
          "Forgotten Email Not Subscribed",
          email
              + " was permanently deleted and cannot be re-imported."
              + " The contact must re-subscribe to get back on the list.",
          null);
      return;
    }
    String status = body.path("status").asText("");
    if (existing == null) {
      create(ctx, audience, hash, email, body.path("status_if_new").asText(status), body);
      return;
    }
    if (!status.isEmpty() && !changeStatus(ctx, existing, status)) {
      return;
    }
    McAccount.mergeInto(audience, existing, body.path("merge_fields"));
    existing.lastChanged = Instant.now();
    replies.reply(ctx, 200, account.memberJson(audience, existing));
  }

  private void create(
      RoutingContext ctx,
      Audience audience,
      String hash,
      String email,
      String statusIfNew,
      JsonNode body) {
    if (statusIfNew.isEmpty()) {
      replies.invalid(
          ctx, McReplies.SEE_ERRORS, "status_if_new", "This value should not be blank.");
      return;
    }
    String missing = McAccount.missingRequired(audience, body.path("merge_fields"));
    if (missing != null) {
      replies.invalid(ctx, "Your merge fields were invalid.", missing, "Please enter a value");
      return;
    }
    Member member = new Member();
    member.email = email;
    member.status = statusIfNew;
    McAccount.mergeInto(audience, member, body.path("merge_fields"));
    audience.members.put(hash, member);
    replies.reply(ctx, 200, account.memberJson(audience, member));
  }

  private void update(RoutingContext ctx) {
    MemberRequest request = MemberRequest.ofMember(ctx, account, replies, true);
    if (request == null) {
      return;
    }
    Audience audience = request.audience();
    Member member = request.member();
    JsonNode body = request.body();
    if (body.has("email_address")) {
      String email = body.path("email_address").asText();
      if (!replies.validEmail(ctx, email)) {
        return;
      }
      String newHash = McAccount.hash(email);
      if (!newHash.equals(ctx.pathParam("hash")) && audience.members.containsKey(newHash)) {
        replies.problem(
            ctx,
            400,
            "Member Exists",
            email + " is already a list member. Use PUT to insert or update list members.",
            null);
        return;
      }
      audience.members.remove(ctx.pathParam("hash"));
      member.email = email;
      audience.members.put(newHash, member);
    }
    if (body.has("status") && !changeStatus(ctx, member, body.path("status").asText())) {
      return;
    }
    McAccount.mergeInto(audience, member, body.path("merge_fields"));
    member.lastChanged = Instant.now();
    replies.reply(ctx, 200, account.memberJson(audience, member));
  }

  /**
   * Deletes the member for good (Marketing API: "Delete list member permanently"); 204; the email is then
   * forgotten.
   */
  private void deletePermanently(RoutingContext ctx) {
    Audience audience = account.audiences.get(ctx.pathParam("list"));
    Member member = audience == null ? null : audience.members.remove(ctx.pathParam("hash"));
    if (member == null) {
      replies.notFound(ctx);
      return;
    }
    audience.forgotten.add(member.email.toLowerCase(Locale.ROOT));
    ctx.response().setStatusCode(204).end();
  }

  private boolean changeStatus(RoutingContext ctx, Member member, String status) {
    if (status.equals("subscribed")
        && (member.status.equals("unsubscribed") || member.status.equals("cleaned"))) {
      replies.problem(
          ctx,
          400,
          "Member In Compliance State",
          member.email
              + " is in a compliance state due to unsubscribe,"
              + " bounce, or compliance review and cannot be subscribed.",
          null);
      return false;
    }
    member.status = status;
    return true;
  }
}
