package io.acdest.adapters.activecampaign.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What a request meets before the account: a fault a test injected (standing for ActiveCampaign's answer), then the
 * limit of the host it is for. Guarded by itself.
 */
final class SandboxGate {
  /** The context key of a request's moment of arrival (nanoTime), before its body is read: what a limit counts. */
  static final String ARRIVED = "sandbox.arrivedNanos";

  private final Vertx vertx;
  private final Replies replies;
  private final HostLimit rest;
  private final HostLimit tracking;
  private final List<SandboxFault> faults = new ArrayList<>();

  SandboxGate(Vertx vertx, Replies replies, HostLimit rest, HostLimit tracking) {
    this.vertx = vertx;
    this.replies = replies;
    this.rest = rest;
    this.tracking = tracking;
  }

  /** How many requests each host's limit refused, and its counts, into the sandbox's state. */
  synchronized void report(ObjectNode requests) {
    requests.put("throttled", rest.throttled() + tracking.throttled());
    rest.report(requests.putObject("rest"));
    tracking.report(requests.putObject("tracking"));
  }

  synchronized void inject(SandboxFault fault) {
    faults.add(fault);
  }

  synchronized void clearFaults() {
    faults.clear();
  }

  /** When each request to the REST API ({@code rest}) or the tracking host arrived (nanoTime), in order. */
  synchronized List<Long> arrivals(boolean rest) {
    return (rest ? this.rest : tracking).arrivals();
  }

  /**
   * Injected faults first (they stand for ActiveCampaign's answer), then the limit of the host the request is for:
   * the REST API ({@code /api/3}) and the tracking host ({@code /event}, {@code /visit}) each count their own.
   */
  void admit(RoutingContext ctx) {
    String path = ctx.request().path();
    HostLimit host =
        path.startsWith("/api/3") ? rest : path.startsWith("/sandbox") ? null : tracking;
    SandboxFault fault;
    synchronized (this) {
      fault = takeFault(path);
      long retryAfterSeconds = host == null ? 0 : host.arrive(ctx.get(ARRIVED), fault == null);
      if (retryAfterSeconds > 0) {
        ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        replies.errors(
            ctx,
            429,
            "Too Many Requests",
            "the sandbox allows " + host.perSecond() + " requests per second to this host",
            null);
        return;
      }
    }
    if (fault == null) {
      ctx.next();
      return;
    }
    SandboxFault f = fault;
    f.retryAfterSeconds()
        .ifPresent(
            seconds -> {
              if (host != null) {
                synchronized (this) {
                  host.retryAfter(System.nanoTime() + seconds * 1_000_000_000L);
                }
              }
            });
    Runnable answer =
        () -> {
          f.retryAfterSeconds()
              .ifPresent(s -> ctx.response().putHeader("Retry-After", Integer.toString(s)));
          ctx.response()
              .setStatusCode(f.status())
              .putHeader("Content-Type", f.contentType())
              .end(f.body());
        };
    if (f.hangMillis() > 0) {
      vertx.setTimer(
          f.hangMillis(),
          id -> {
            if (!ctx.response().closed() && !ctx.response().ended()) {
              answer.run();
            }
          });
    } else {
      answer.run();
    }
  }

  private SandboxFault takeFault(String path) {
    for (Iterator<SandboxFault> it = faults.iterator(); it.hasNext(); ) {
      SandboxFault fault = it.next();
      if (fault.until().isPresent()) {
        if (fault.until().get().isBefore(Instant.now())) {
          it.remove();
          continue;
        }
        if (path.startsWith(fault.pathPrefix())) {
          return fault;
        }
        continue;
      }
      if (path.startsWith(fault.pathPrefix())) {
        it.remove();
        if (fault.times() > 1) {
          faults.add(
              new SandboxFault(
                  fault.pathPrefix(),
                  fault.times() - 1,
                  fault.status(),
                  fault.body(),
                  fault.contentType(),
                  fault.retryAfterSeconds(),
                  fault.hangMillis()));
        }
        return fault;
      }
    }
    return null;
  }
}
