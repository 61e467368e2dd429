package io.acdest.domain.delivery;

import java.util.List;

/**
 * Which jobs a CRM request is made for: one job, every job of a bulk import (whose one request is part of each
 * message's history), or none (a request outside any delivery, such as an erasure's). Every CRM port method that
 * sends a request takes one, and the adapter files each request it makes as an attempt of these jobs.
 */
public record DeliveryContext(List<JobId> jobs) {
  /** Requests made outside any delivery: filed as no message's attempt. */
  public static final DeliveryContext NONE = new DeliveryContext(List.of());

  public DeliveryContext {
    jobs = List.copyOf(jobs);
  }

  /** The delivery of one job. */
  public static DeliveryContext of(JobId job) {
    return new DeliveryContext(List.of(job));
  }

  /** The delivery of these jobs together (a bulk import). */
  public static DeliveryContext of(List<JobId> jobs) {
    return new DeliveryContext(jobs);
  }
}
