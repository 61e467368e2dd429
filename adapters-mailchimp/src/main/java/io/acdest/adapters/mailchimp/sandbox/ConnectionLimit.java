package io.acdest.adapters.mailchimp.sandbox;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the account checks before any endpoint: HTTP Basic with the API key as password, any user, else 401 "API
 * Key Invalid" (Marketing API fundamentals, "Authentication"); and at most {@code connections} requests in flight
 * per key, else 429 "You have exceeded the limit of 10 simultaneous connections." with no Retry-After (Mailchimp
 * error glossary; api-evangelist/mailchimp rate-limits: "no … Retry-After"). Counts what it saw for the state.
 */
final class ConnectionLimit {
  private final MailchimpSandboxSettings settings;
  private final McReplies replies;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();

  ConnectionLimit(MailchimpSandboxSettings settings, McReplies replies) {
    this.settings = settings;
    this.replies = replies;
  }

  void admit(RoutingContext ctx) {
    requests.incrementAndGet();
    if (!authorised(ctx.request().getHeader("Authorization"))) {
      replies.problem(
          ctx,
          401,
          "API Key Invalid",
          "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
          null);
      return;
    }
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    ctx.addEndHandler(done -> inFlight.decrementAndGet());
    if (now > settings.connections()) {
      throttled.incrementAndGet();
      replies.problem(
          ctx,
          429,
          "Too Many Requests",
          "You have exceeded the limit of " + settings.connections() + " simultaneous connections.",
          null);
      return;
    }
    ctx.next();
  }

  private boolean authorised(String header) {
    String expected = "Basic ";
    if (header == null || !header.startsWith(expected)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(expected.length())),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon >= 0 && decoded.substring(colon + 1).equals(settings.apiKey());
  }

  int requests() {
    return requests.get();
  }

  int mostInFlight() {
    return mostInFlight.get();
  }

  int throttled() {
    return throttled.get();
  }
}
