package io.acdest.application.fakes;

import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.port.out.AttemptLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** In-memory attempt log. */
public final class InMemoryAttemptLog implements AttemptLog {
  private final List<Attempt> attempts = new ArrayList<>();

  @Override
  public synchronized void record(Attempt attempt) {
    attempts.add(attempt);
  }

  @Override
  public synchronized List<Attempt> attemptsOf(JobId job) {
    return attempts.stream().filter(a -> a.job().equals(job))
        .sorted(Comparator.comparing(Attempt::attemptedAt)).toList();
  }
}
