package io.acdest.adapters.activecampaign.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** Where a sandbox resource adds its endpoints; the sandbox counts each request and checks the API token first. */
@FunctionalInterface
interface Routes {
  void add(HttpMethod method, String path, Handler<RoutingContext> handler);
}
