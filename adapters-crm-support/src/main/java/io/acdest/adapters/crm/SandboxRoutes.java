package io.acdest.adapters.crm;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Where a sandbox resource adds its endpoints; the sandbox wraps each with what its CRM checks first (the key, the
 * connection or request limits).
 */
@FunctionalInterface
public interface SandboxRoutes {
  void add(HttpMethod method, String path, Handler<RoutingContext> handler);
}
