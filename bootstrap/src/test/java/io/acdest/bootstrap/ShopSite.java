package io.acdest.bootstrap;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A website on its own origin ({@code http://localhost:<port>}), as a shop would run one: a landing page linking to
 * a shop page, and the shop page loading Segment's browser library from the site itself (its UMD build and lazily
 * loaded chunks, from the npm package; no CDN), plus a page to leave to. Nothing on it knows the service but what a
 * test hands to the library.
 */
final class ShopSite implements AutoCloseable {
  private final HttpServer server;

  private ShopSite(HttpServer server) {
    this.server = server;
  }

  static ShopSite start(Vertx vertx, Path umd) throws Exception {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  String path = request.path();
                  var response = request.response();
                  if (path.equals("/landing")) {
                    html(
                        response,
                        "<title>Landing</title></head><body><a id=\"go\" href=\"/shop"
                            + query(request.query())
                            + "\">to the shop</a>");
                  } else if (path.equals("/shop")) {
                    // the library finds its chunks under <_cdn>/analytics-next/bundles/: here, this
                    // site
                    html(
                        response,
                        "<title>Shop</title><script>window.analytics = { _cdn: location.origin };</script>"
                            + "<script src=\"/analytics-next/bundles/index.js\"></script></head><body><h1>Shop</h1>");
                  } else if (path.equals("/bye")) {
                    html(response, "<title>Bye</title></head><body>bye");
                  } else if (path.startsWith("/analytics-next/bundles/") && !path.contains("..")) {
                    response
                        .putHeader("Content-Type", "application/javascript")
                        .sendFile(
                            umd.resolve(path.substring("/analytics-next/bundles/".length()))
                                .toString())
                        .onFailure(missing -> response.setStatusCode(404).end());
                  } else {
                    response.setStatusCode(404).end();
                  }
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    return new ShopSite(server);
  }

  private static String query(String query) {
    return query == null ? "" : "?" + query;
  }

  private static void html(io.vertx.core.http.HttpServerResponse response, String headAndBody) {
    response
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end(
            "<!doctype html><html><head><meta charset=\"utf-8\">" + headAndBody + "</body></html>");
  }

  /** The site's origin, as browsers see it. */
  String origin() {
    return "http://localhost:" + server.actualPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
