package io.acdest.domain.delivery;

import java.util.List;
import java.util.function.Supplier;

/**
 * The jobs being delivered on this thread, so that a CRM adapter can file each request it makes as an attempt of
 * those jobs without every port method carrying them: one job, or every job of a bulk import (whose one request is
 * part of each message's history). Set only around one delivery, by the delivery service.
 */
public final class CurrentDelivery {
  private static final ThreadLocal<List<JobId>> JOBS = new ThreadLocal<>();

  private CurrentDelivery() {}

  /** Runs {@code work} as the delivery of {@code job} and returns its result. */
  public static <T> T of(JobId job, Supplier<T> work) {
    return of(List.of(job), work);
  }

  /** Runs {@code work} as the delivery of these jobs together (a bulk import) and returns its result. */
  public static <T> T of(List<JobId> jobs, Supplier<T> work) {
    List<JobId> outer = JOBS.get();
    JOBS.set(List.copyOf(jobs));
    try {
      return work.get();
    } finally {
      if (outer == null) {
        JOBS.remove();
      } else {
        JOBS.set(outer);
      }
    }
  }

  /** The jobs being delivered on this thread; none outside a delivery. */
  public static List<JobId> jobs() {
    List<JobId> jobs = JOBS.get();
    return jobs == null ? List.of() : jobs;
  }
}
