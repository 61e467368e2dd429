package io.acdest.adapters.crm;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A sandbox's HTTP server: on the loopback interface only (a sandbox holds contacts' personal data and answers anyone
 * who reaches it), started before the sandbox is handed out.
 */
public final class SandboxServer {
  private SandboxServer() {}

  /** Listens on {@code port} (0: any free one) of 127.0.0.1 and waits until it does; {@code what} names it in a failure. */
  public static HttpServer listen(
      Vertx vertx, Handler<HttpServerRequest> handler, int port, String what) {
    try {
      return vertx
          .createHttpServer()
          .requestHandler(handler)
          .listen(port, "127.0.0.1")
          .toCompletionStage()
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException(what + " could not start: " + e.getMessage(), e);
    }
  }

  /**
   * Starts a sandbox on a Vert.x of its own, so that a service's metrics count only the service's servers; the
   * Vert.x is closed again when the start fails. The sandbox closes it when it stops ({@link #close}).
   */
  public static <T> T onOwnVertx(Function<Vertx, T> start) {
    Vertx own = Vertx.vertx();
    try {
      return start.apply(own);
    } catch (RuntimeException failed) {
      close(own);
      throw failed;
    }
  }

  /** Closes a sandbox's own Vert.x, waiting up to a minute. */
  public static void close(Vertx own) {
    try {
      own.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the sandbox's Vert.x did not close: " + e.getMessage(), e);
    }
  }
}
