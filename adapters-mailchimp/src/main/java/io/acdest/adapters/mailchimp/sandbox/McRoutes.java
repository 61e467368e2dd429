package io.acdest.adapters.mailchimp.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Where a sandbox resource adds its endpoints; the sandbox has checked the key and the connection limit first, and
 * runs each endpoint off the event loop, after the account's answer time, holding the account.
 */
@FunctionalInterface
interface McRoutes {
  void add(HttpMethod method, String path, Handler<RoutingContext> handler);
}
