package io.acdest.adapters.activecampaign.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Answers in ActiveCampaign's shapes. The API uses three error bodies, and the sandbox uses each where the published
 * API description (shared/reference/activecampaign-v3-openapi.json) or users' reports show it:
 * <ul>
 *   <li>{@code {"errors":[{"title","detail","code","source":{"pointer"}}]}}: validation (422) and some 404s;
 *   <li>{@code {"message":"No Result found for Subscriber with id 1"}}: a missing record (404), a 403;
 *   <li>{@code {"message":"Could not process request","error":"Duplicate entry 'contact-TEST' for key 'typetag'"}}:
 *       a second tag of the same name (reported in verbb/formie#1389; the published description shows none).
 * </ul>
 */
final class Replies {
  private final ObjectMapper json;

  Replies(ObjectMapper json) {
    this.json = json;
  }

  void json(RoutingContext ctx, int status, JsonNode body) {
    try {
      ctx.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      ctx.response().setStatusCode(500).end();
    }
  }

  /** {@code {"errors":[{"title", "detail", "code"?}]}}. */
  void errors(RoutingContext ctx, int status, String title, String detail, String code) {
    ObjectNode body = json.createObjectNode();
    ObjectNode error =
        body.putArray("errors").addObject().put("title", title).put("detail", detail);
    if (code != null) {
      error.put("code", code);
    }
    json(ctx, status, body);
  }

  /** {@code {"errors":[{"status":404,"title":"Not Found","detail":...}]}}, as {@code POST /contactTags} answers. */
  void notFoundError(RoutingContext ctx, String detail) {
    ObjectNode body = json.createObjectNode();
    body.putArray("errors")
        .addObject()
        .put("status", 404)
        .put("title", "Not Found")
        .put("detail", detail);
    json(ctx, 404, body);
  }

  /** {@code {"message": ...}}. */
  void message(RoutingContext ctx, int status, String message) {
    json(ctx, status, json.createObjectNode().put("message", message));
  }

  /** {@code {"message": ..., "error": ...}}, the shape of a refused database write. */
  void messageAndError(RoutingContext ctx, int status, String message, String error) {
    json(ctx, status, json.createObjectNode().put("message", message).put("error", error));
  }

  /** {@code 200 {}}, what a successful delete answers. */
  void empty(RoutingContext ctx) {
    json(ctx, 200, json.createObjectNode());
  }

  /** One page of a list ({@code limit}, default 20 as the real API, at most 100; {@code offset}) with its total. */
  ObjectNode page(RoutingContext ctx, String key, List<? extends JsonNode> items) {
    int limit = parse(ctx.request().getParam("limit"), 20);
    int offset = parse(ctx.request().getParam("offset"), 0);
    ArrayNode page = json.createArrayNode();
    items.stream()
        .skip(Math.max(0, offset))
        .limit(Math.max(0, Math.min(limit, 100)))
        .forEach(page::add);
    ObjectNode body = json.createObjectNode();
    body.set(key, page);
    body.putObject("meta").put("total", Integer.toString(items.size()));
    return body;
  }

  JsonNode bodyOf(RoutingContext ctx) {
    try {
      String body = ctx.body().asString();
      return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
    } catch (JsonProcessingException e) {
      return json.createObjectNode();
    }
  }

  private static int parse(String value, int otherwise) {
    try {
      return value == null ? otherwise : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
