package io.acdest.bootstrap;

import io.acdest.domain.port.in.IngestCallsUseCase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How busy this instance's intake is, so that its delivery workers make way for a burst (decision 0032): while
 * {@value #BURST} or more requests are being stored at once, and for {@link #LINGER} after, only the first worker of
 * each lane keeps claiming. A client waits for its answer, and retries a slow one (Segment's libraries after 10 to
 * 15 s), while a delivery waits on the CRM's budget anyway; the store's CPU goes to the waiting client first.
 */
final class IntakeLoad {
  /** Requests being stored at once that make a burst. One client sending its calls one after the other never does. */
  static final int BURST = 4;

  /** How long after the last burst the workers stay few: a burst comes in waves, a claim needs not chase each. */
  static final Duration LINGER = Duration.ofMillis(500);

  private final AtomicInteger storing = new AtomicInteger();
  private volatile long lastBurst = System.nanoTime() - 2 * LINGER.toNanos();

  /** The use case, counted: every request it serves is one being stored until it returns. */
  IngestCallsUseCase counting(IngestCallsUseCase ingest) {
    return command -> {
      if (storing.incrementAndGet() >= BURST) {
        lastBurst = System.nanoTime();
      }
      try {
        return ingest.ingest(command);
      } finally {
        storing.decrementAndGet();
      }
    };
  }

  /** Whether a burst is being stored now or was within {@link #LINGER}. */
  boolean burst() {
    return storing.get() >= BURST || System.nanoTime() - lastBurst < LINGER.toNanos();
  }
}
