package io.acdest.adapters.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How the service reads who is asking and how it marks its console cookie: which proxies in front of it are trusted
 * to say the client's address ({@code X-Forwarded-For}) and protocol ({@code X-Forwarded-Proto}); whether the cookie
 * is {@code Secure} (always, never, or when the request came over TLS, directly or through a trusted proxy); how long
 * a console session lasts unused, and at most.
 */
public record HttpSecurity(
    Set<String> trustedProxies,
    SecureCookie secureCookie,
    Duration sessionIdle,
    Duration sessionAbsolute) {

  /** When the console's cookie carries {@code Secure}. */
  public enum SecureCookie {
    /** When the request came over TLS, directly or as a trusted proxy says. */
    AUTO,
    ALWAYS,
    NEVER
  }

  /** No proxy trusted, the cookie Secure over TLS, sessions ending after 8 h unused and 12 h after sign-in. */
  public static final HttpSecurity DEFAULTS =
      new HttpSecurity(Set.of(), SecureCookie.AUTO, Duration.ofHours(8), Duration.ofHours(12));

  public HttpSecurity {
    trustedProxies = Set.copyOf(trustedProxies);
    if (sessionIdle.isNegative()
        || sessionIdle.isZero()
        || sessionAbsolute.compareTo(sessionIdle) < 0) {
      throw new IllegalArgumentException(
          "a session's absolute lifetime must be at least its idle timeout");
    }
  }

  /**
   * The client's address: the connection's peer, or, when that peer is a trusted proxy, the last address of
   * {@code X-Forwarded-For} (the one that proxy saw).
   */
  String clientAddress(RoutingContext ctx) {
    String peer =
        ctx.request().remoteAddress() == null
            ? "unknown"
            : ctx.request().remoteAddress().hostAddress();
    if (!trustedProxies.contains(peer)) {
      return peer;
    }
    List<String> forwarded = ctx.request().headers().getAll("X-Forwarded-For");
    if (forwarded.isEmpty()) {
      return peer;
    }
    String[] hops = forwarded.get(forwarded.size() - 1).split(",");
    String last = hops[hops.length - 1].strip();
    return last.isEmpty() ? peer : last;
  }

  /** Whether the console's cookie is to be {@code Secure} for this request. */
  boolean secure(RoutingContext ctx) {
    return switch (secureCookie) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO ->
          ctx.request().isSSL()
              || (trustedProxies.contains(peer(ctx))
                  && Optional.ofNullable(ctx.request().getHeader("X-Forwarded-Proto"))
                      .map(p -> p.strip().toLowerCase(Locale.ROOT))
                      .filter("https"::equals)
                      .isPresent());
    };
  }

  private static String peer(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null
        ? "unknown"
        : ctx.request().remoteAddress().hostAddress();
  }
}
