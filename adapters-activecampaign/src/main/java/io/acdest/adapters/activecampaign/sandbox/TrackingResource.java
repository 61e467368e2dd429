package io.acdest.adapters.activecampaign.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acdest.adapters.crm.SandboxRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Site and event tracking: {@code POST /api/3/siteTrackingDomains} (403 when site tracking is off, 422 for a
 * domain already allowed), {@code POST /event} on the tracking host ({@code actid}, {@code key}, {@code event} of at
 * most 32 characters, {@code visit} JSON with the email; refusals are {@code 200 {"success":0,"message":...}} as
 * shared/reference/activecampaign-trackcmp-openapi.json describes), and {@code GET /visit} as the site-tracking
 * snippet sends it (a page of a domain not allowed is silently dropped).
 */
record TrackingResource(SandboxAccount account, SandboxSettings settings, Replies replies) {

  void mount(SandboxRoutes routes) {
    routes.add(HttpMethod.POST, "/api/3/siteTrackingDomains", this::allowDomain);
    routes.add(HttpMethod.POST, "/event", this::trackEvent);
    routes.add(HttpMethod.GET, "/visit", this::recordVisit);
  }

  private void allowDomain(RoutingContext ctx) {
    String name =
        replies
            .bodyOf(ctx)
            .path("siteTrackingDomain")
            .path("name")
            .asText("")
            .toLowerCase(Locale.ROOT);
    synchronized (account) {
      if (!account.siteTrackingEnabled) {
        replies.message(ctx, 403, "Site tracking is disabled for this account");
        return;
      }
      if (!account.domains.add(name)) {
        replies.errors(ctx, 422, "Duplicate domain", name + " is already allowed", "duplicate");
        return;
      }
      ObjectNode body = account.json.createObjectNode();
      body.putObject("siteTrackingDomain").put("name", name).put("id", account.newId());
      replies.json(ctx, 201, body);
    }
  }

  private void trackEvent(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    String event = Optional.ofNullable(form.get("event")).orElse("");
    String email = visitEmail(form.get("visit"));
    synchronized (account) {
      ObjectNode result = account.json.createObjectNode();
      if (!account.eventTrackingEnabled) {
        replies.json(
            ctx,
            200,
            result.put("success", 0).put("message", "Event tracking is disabled for this account"));
      } else if (!settings.accountId().equals(form.get("actid"))
          || !settings.eventKey().equals(form.get("key"))) {
        replies.json(
            ctx, 200, result.put("success", 0).put("message", "Invalid actid or event key"));
      } else if (event.isEmpty() || event.length() > 32 || email == null) {
        replies.json(
            ctx,
            200,
            result
                .put("success", 0)
                .put("message", "event (at most 32 characters) and visit email are required"));
      } else {
        ObjectNode logged =
            account
                .json
                .createObjectNode()
                .put("email", email)
                .put("event", event)
                .put("at", Instant.now().toString());
        if (form.get("eventdata") != null) {
          logged.put("eventdata", form.get("eventdata"));
        }
        account.events.add(logged);
        replies.json(ctx, 200, result.put("success", 1).put("message", "Event spawned"));
      }
    }
  }

  private String visitEmail(String visit) {
    try {
      JsonNode parsed = visit == null ? null : account.json.readTree(visit);
      return parsed != null && parsed.hasNonNull("email") ? parsed.get("email").asText() : null;
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }

  private void recordVisit(RoutingContext ctx) {
    String url = Optional.ofNullable(ctx.request().getParam("u")).orElse("");
    String host = hostOf(url);
    synchronized (account) {
      boolean recorded =
          account.siteTrackingEnabled
              && settings.accountId().equals(ctx.request().getParam("actid"))
              && host != null
              && account.domains.contains(host);
      if (recorded) {
        ObjectNode visit =
            account
                .json
                .createObjectNode()
                .put("email", Optional.ofNullable(ctx.request().getParam("e")).orElse(""))
                .put("url", url)
                .put("at", Instant.now().toString());
        if (ctx.request().getParam("r") != null) {
          visit.put("referrer", ctx.request().getParam("r"));
        }
        account.visits.add(visit);
      }
    }
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/javascript").end("");
  }

  private static String hostOf(String url) {
    try {
      String host = java.net.URI.create(url).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }
}
