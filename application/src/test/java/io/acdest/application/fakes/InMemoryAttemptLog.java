package io.acdest.application.fakes;

import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.port.out.AttemptLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** In-memory attempt log. */
public final class InMemoryAttemptLog implements AttemptLog {
  private final List<Attempt> attempts = new ArrayList<>();
  private final Function<MessageKey, Optional<JobId>> jobOf;

  /** An attempt log that finds a message's job with {@code jobOf} (e.g. {@link InMemoryMessageStore#jobOf}). */
  public InMemoryAttemptLog(Function<MessageKey, Optional<JobId>> jobOf) {
    this.jobOf = jobOf;
  }

  @Override
  public synchronized void record(Attempt attempt) {
    attempts.add(attempt);
  }

  @Override
  public synchronized List<Attempt> attemptsOf(JobId job) {
    return attempts.stream()
        .filter(a -> a.job().equals(job))
        .sorted(Comparator.comparing(Attempt::attemptedAt))
        .toList();
  }

  @Override
  public synchronized List<Attempt> attemptsOf(MessageKey message) {
    return jobOf.apply(message).map(this::attemptsOf).orElse(List.of());
  }
}
