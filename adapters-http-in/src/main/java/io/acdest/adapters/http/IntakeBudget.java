package io.acdest.adapters.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of tracking requests being read, parsed and stored at once, bounded: a request takes its declared length
 * (or the largest a request may be, when it does not declare one) before its body is read, and gives it back when
 * it is answered. Past the bound a request is answered 503 with Retry-After at once, so a flood of large batches
 * meets a quick "later" instead of an exhausted heap, and the service keeps answering.
 */
final class IntakeBudget {
  private final long capacity;
  private final AtomicLong taken = new AtomicLong();

  IntakeBudget(long capacity) {
    this.capacity = capacity;
  }

  /** Takes {@code bytes} if they fit; false (nothing taken) if not. */
  boolean take(long bytes) {
    while (true) {
      long now = taken.get();
      if (now + bytes > capacity) {
        return false;
      }
      if (taken.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void giveBack(long bytes) {
    taken.addAndGet(-bytes);
  }

  long taken() {
    return taken.get();
  }
}
