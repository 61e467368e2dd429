package io.acdest.domain.port.out;

import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.message.MessageKey;
import java.util.List;

/** Outgoing port: the append-only record of every request made to the CRM, per delivery job. */
public interface AttemptLog {

  /** Appends one attempt. */
  void record(Attempt attempt);

  /** The attempts of a job, oldest first. */
  List<Attempt> attemptsOf(JobId job);

  /** The attempts made for a message, oldest first. */
  List<Attempt> attemptsOf(MessageKey message);
}
