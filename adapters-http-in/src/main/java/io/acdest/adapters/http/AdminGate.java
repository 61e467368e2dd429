package io.acdest.adapters.http;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * The admin token at the admin API and the console's sign-in: compared in constant time, and guessed at no faster
 * than {@link Guesses} allows an address (429 with Retry-After once it has used its failures).
 */
final class AdminGate {
  private final Optional<String> token;
  private final Guesses guesses;
  private final HttpSecurity security;

  AdminGate(Optional<String> token, Guesses guesses, HttpSecurity security) {
    this.token = token.filter(t -> !t.isBlank());
    this.guesses = guesses;
    this.security = security;
  }

  boolean enabled() {
    return token.isPresent();
  }

  /**
   * Whether {@code given} is the admin token; when it is not, or when the client's address has guessed too often,
   * the request is answered here (401, or 429 with Retry-After) and false returned.
   */
  boolean admits(
      RoutingContext ctx, String given, String what, JsonAnswers answers, String wrongMessage) {
    String client = security.clientAddress(ctx);
    Optional<Duration> wait = guesses.wait(client);
    if (wait.isPresent()) {
      ctx.response()
          .putHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds() + 1)));
      answers.error(
          ctx,
          429,
          "too_many_attempts",
          "too many wrong admin tokens from this address; try again later");
      return false;
    }
    boolean right =
        token.isPresent()
            && MessageDigest.isEqual(
                given.getBytes(StandardCharsets.UTF_8),
                token.get().getBytes(StandardCharsets.UTF_8));
    if (!right) {
      guesses.failed(client, what);
      answers.error(ctx, 401, "unauthorized", wrongMessage);
      return false;
    }
    return true;
  }

  /** The bearer token of the request's {@code Authorization} header, or empty text. */
  static String bearer(RoutingContext ctx) {
    String header = Optional.ofNullable(ctx.request().getHeader("Authorization")).orElse("");
    return header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
  }
}
