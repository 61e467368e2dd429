package io.acdest.adapters.http;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP that a proxy in front cannot be made to read otherwise than the service does: a request framed two ways
 * ({@code Content-Length} with {@code Transfer-Encoding}, two lengths, a transfer coding other than plain
 * {@code chunked}) is answered 400 and its connection closed, so no byte after it is read as another request; HTTP/2
 * without TLS only when asked for; a connection that takes longer than the header timeout to send a request's headers,
 * or stays idle longer than the idle timeout, is closed.
 */
public final class StrictHttp {
  private static final Logger LOG = LoggerFactory.getLogger(StrictHttp.class);

  private final Vertx vertx;
  private final HttpLimits limits;

  /** Per open connection, the timer that closes it unless a request's headers arrive first. */
  private final Map<HttpConnection, Long> waitingForHeaders = new ConcurrentHashMap<>();

  public StrictHttp(Vertx vertx, HttpLimits limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  /** The server's options: where it listens, no h2c unless asked, the idle timeout, no decompression of its own. */
  public HttpServerOptions options() {
    return new HttpServerOptions()
        .setHost(limits.bindAddress())
        .setHttp2ClearTextEnabled(limits.http2Cleartext())
        .setIdleTimeout((int) limits.idleTimeout().toSeconds())
        // request bodies are decompressed by the tracking API itself (bounded, and bad gzip is a
        // 400)
        .setDecompressionSupported(false);
  }

  /**
   * For the server's connection handler: each new connection reads requests with {@link FramingDecoder}, and must
   * send a request's headers in time.
   */
  public Handler<HttpConnection> connections() {
    HttpServerOptions options = options();
    return connection -> {
      if (!limits.http2Cleartext() && connection instanceof ConnectionBase base) {
        // before any byte is read (without h2c, nothing is read before this handler): Vert.x's own
        // decoder, telling
        ChannelPipeline pipeline = base.channel().pipeline();
        if (pipeline.get("httpDecoder") instanceof VertxHttpRequestDecoder
            && !(pipeline.get("httpDecoder") instanceof FramingDecoder)) {
          pipeline.replace("httpDecoder", "httpDecoder", new FramingDecoder(options));
        }
      }
      awaitHeaders(connection);
      connection.closeHandler(closed -> cancel(connection));
    };
  }

  /** Wraps the server's request handler: ambiguous framing refused, the header timer stopped, then {@code next}. */
  public Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
    return request -> {
      HttpConnection connection = request.connection();
      cancel(connection);
      String ambiguity = ambiguity(request);
      if (ambiguity != null) {
        LOG.debug("refused an ambiguously framed request: {}", ambiguity);
        request
            .response()
            .setStatusCode(400)
            .putHeader("Connection", "close")
            .putHeader("Content-Type", "application/json")
            .end(
                "{\"success\":false,\"code\":\"ambiguous_framing\",\"message\":\""
                    + ambiguity
                    + "\"}")
            .onComplete(done -> connection.close());
        return;
      }
      if (request.version() != io.vertx.core.http.HttpVersion.HTTP_2) {
        // the next request on this connection gets its own header timeout, once this one is
        // answered
        request.response().endHandler(ended -> awaitHeaders(connection));
      }
      next.handle(request);
    };
  }

  /**
   * What makes the request's framing ambiguous ({@link FramingDecoder} marks it), or null when it is not. Without the
   * decoder (with h2c on) the headers Netty leaves are looked at here.
   */
  static String ambiguity(HttpServerRequest request) {
    String marked = request.headers().get(FramingDecoder.AMBIGUOUS);
    if (marked != null) {
      return marked;
    }
    List<String> lengths = request.headers().getAll("Content-Length");
    List<String> codings = request.headers().getAll("Transfer-Encoding");
    if (lengths.size() > 1
        || (!codings.isEmpty() && !lengths.isEmpty())
        || codings.size() > 1
        || codings.stream()
            .anyMatch(coding -> !coding.strip().toLowerCase(Locale.ROOT).equals("chunked"))) {
      return "ambiguous framing";
    }
    return null;
  }

  private void awaitHeaders(HttpConnection connection) {
    long timer =
        vertx.setTimer(
            limits.headerTimeout().toMillis(),
            fired -> {
              if (waitingForHeaders.remove(connection) != null) {
                connection.close();
              }
            });
    Long before = waitingForHeaders.put(connection, timer);
    if (before != null) {
      vertx.cancelTimer(before);
    }
  }

  private void cancel(HttpConnection connection) {
    Long timer = waitingForHeaders.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
