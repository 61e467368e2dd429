package io.acdest.domain.delivery;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The job being delivered on this thread, so that a CRM adapter can file each request it makes as an attempt of
 * that job without every port method carrying the job. Set only around one delivery, by the delivery service.
 */
public final class CurrentDelivery {
  private static final ThreadLocal<JobId> JOB = new ThreadLocal<>();

  private CurrentDelivery() {}

  /** Runs {@code work} as the delivery of {@code job} and returns its result. */
  public static <T> T of(JobId job, Supplier<T> work) {
    JobId outer = JOB.get();
    JOB.set(job);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        JOB.remove();
      } else {
        JOB.set(outer);
      }
    }
  }

  /** The job being delivered on this thread, if any. */
  public static Optional<JobId> job() {
    return Optional.ofNullable(JOB.get());
  }
}
