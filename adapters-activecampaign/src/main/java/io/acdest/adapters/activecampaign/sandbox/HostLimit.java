package io.acdest.adapters.activecampaign.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One host's request limit as the sandbox enforces it: at most {@code perSecond} requests in any sliding second
 * (the sixth within one second is answered 429, with Retry-After in whole seconds); 0 means no limit. It also
 * counts what drills and benchmarks check: every arrival (answered 429 or not) for the most in any one second,
 * requests throttled, and requests that arrived before a Retry-After this host gave had elapsed. Not thread-safe:
 * the sandbox calls it under its own lock.
 */
final class HostLimit {
  private static final long SECOND = 1_000_000_000L;

  private final int perSecond;
  private final Deque<Long> admitted = new ArrayDeque<>();
  private final Deque<Long> arrivals = new ArrayDeque<>();
  private final java.util.List<Long> allArrivals = new java.util.ArrayList<>();
  private int throttled;
  private int maxInOneSecond;
  private int beforeRetryAfter;
  private long retryAfterDeadline = Long.MIN_VALUE;

  HostLimit(int perSecond) {
    this.perSecond = perSecond;
  }

  /**
   * Counts a request arriving at {@code now} (nanoTime); answers 0 when it may go on, else the Retry-After seconds
   * of its 429. A request that a fault answers ({@code counted} false) is counted as an arrival only.
   */
  long arrive(long now, boolean counted) {
    if (now < retryAfterDeadline) {
      beforeRetryAfter++;
    }
    while (!arrivals.isEmpty() && now - arrivals.peekFirst() >= SECOND) {
      arrivals.removeFirst();
    }
    arrivals.addLast(now);
    if (allArrivals.size() < 100_000) {
      allArrivals.add(now);
    }
    maxInOneSecond = Math.max(maxInOneSecond, arrivals.size());
    while (!admitted.isEmpty() && now - admitted.peekFirst() >= SECOND) {
      admitted.removeFirst();
    }
    if (!counted) {
      return 0;
    }
    if (perSecond > 0 && admitted.size() >= perSecond) {
      throttled++;
      long waitNanos = SECOND - (now - admitted.peekFirst());
      long seconds = Math.max(1, (waitNanos + SECOND - 1) / SECOND);
      retryAfter(now + seconds * SECOND);
      return seconds;
    }
    admitted.addLast(now);
    return 0;
  }

  /** A Retry-After given to this host's caller, until {@code deadline} (nanoTime). */
  void retryAfter(long deadline) {
    retryAfterDeadline = Math.max(retryAfterDeadline, deadline);
  }

  /** Every arrival so far (up to 100,000), in nanoTime. */
  java.util.List<Long> arrivals() {
    return java.util.List.copyOf(allArrivals);
  }

  int perSecond() {
    return perSecond;
  }

  int throttled() {
    return throttled;
  }

  void report(ObjectNode into) {
    into.put("limitPerSecond", perSecond)
        .put("throttled", throttled)
        .put("maxInOneSecond", maxInOneSecond)
        .put("beforeRetryAfter", beforeRetryAfter);
  }
}
