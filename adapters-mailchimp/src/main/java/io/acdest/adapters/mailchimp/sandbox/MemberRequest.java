package io.acdest.adapters.mailchimp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;

/** What a request names: its audience, the member in the path (or null), its JSON body (or null). */
record MemberRequest(Audience audience, Member member, JsonNode body) {

  /** The path's audience and the request's JSON object; null once a 404 or 400 has answered. */
  static MemberRequest ofAudience(RoutingContext ctx, McAccount account, McReplies replies) {
    Audience audience = account.audiences.get(ctx.pathParam("list"));
    JsonNode body = replies.body(ctx);
    if (audience == null || body == null) {
      if (audience == null) {
        replies.notFound(ctx);
      }
      return null;
    }
    return new MemberRequest(audience, null, body);
  }

  /**
   * The path's audience and member, with the request's JSON object when asked; null once a 404 or 400 answered.
   */
  static MemberRequest ofMember(
      RoutingContext ctx, McAccount account, McReplies replies, boolean withBody) {
    Audience audience = account.audiences.get(ctx.pathParam("list"));
    Member member = audience == null ? null : audience.members.get(ctx.pathParam("hash"));
    JsonNode body = withBody ? replies.body(ctx) : null;
    if (member == null || (withBody && body == null)) {
      if (member == null) {
        replies.notFound(ctx);
      }
      return null;
    }
    return new MemberRequest(audience, member, body);
  }
}
