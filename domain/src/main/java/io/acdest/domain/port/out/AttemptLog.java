package io.acdest.domain.port.out;

import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.delivery.RequestAttempt;
import io.acdest.domain.message.MessageKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Outgoing port: the append-only record of every request made to the CRM, per delivery job. */
public interface AttemptLog {

  /** Appends one attempt. */
  void record(Attempt attempt);

  /**
   * Files one request as an attempt of every job it was made for (every job of a bulk import), the same way for
   * every CRM. The request went out and its answer is known: the store failing now must not fail the delivery,
   * which would send the request again after the lease (decision 0012). Returns, for each job whose attempt could
   * not be filed, why, for the caller to log.
   */
  default Map<JobId, RuntimeException> recordFor(DeliveryContext on, RequestAttempt request) {
    Map<JobId, RuntimeException> unfiled = new LinkedHashMap<>();
    for (JobId job : on.jobs()) {
      try {
        record(request.of(job));
      } catch (RuntimeException storeDown) {
        unfiled.put(job, storeDown);
      }
    }
    return unfiled;
  }

  /** The attempts of a job, oldest first. */
  List<Attempt> attemptsOf(JobId job);

  /** The attempts made for a message, oldest first. */
  List<Attempt> attemptsOf(MessageKey message);
}
