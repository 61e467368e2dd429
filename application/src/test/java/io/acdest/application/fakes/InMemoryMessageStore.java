package io.acdest.application.fakes;

import io.acdest.domain.call.CallType;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.NewMessage;
import io.acdest.domain.port.out.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * In-memory message log and delivery queue (they share one store, as the durable ones share one transaction):
 * unique keys, leases, per-ordering-key order, attempts that only transient retries use.
 */
public final class InMemoryMessageStore implements MessageLog, DeliveryQueue {
  private final Clock clock;
  private final Map<MessageKey, StoredMessage> messages = new LinkedHashMap<>();
  private final List<Job> jobs = new ArrayList<>();
  private long nextJobId = 1;
  private RuntimeException failNextRecord;

  public InMemoryMessageStore(Clock clock) {
    this.clock = clock;
  }

  /** A queued job and its bookkeeping. */
  private static final class Job {
    final DeliveryJob template;
    int attempts;
    Instant dueAt;
    String leaseOwner;
    Instant leaseUntil;
    boolean finished;

    Job(DeliveryJob template, Instant dueAt) {
      this.template = template;
      this.dueAt = dueAt;
    }

    DeliveryJob snapshot() {
      DeliveryJob t = template;
      return new DeliveryJob(t.id(), t.message(), t.call(), t.orderingKey(), attempts, acceptedAt, leaseOwner);
    }

    Instant acceptedAt;
  }

  /** The next {@link #record} call throws this and stores nothing, as a database outage would. */
  public synchronized void failNextRecord(RuntimeException failure) {
    this.failNextRecord = failure;
  }

  @Override
  public synchronized List<RecordOutcome> record(List<NewMessage> batch) {
    if (failNextRecord != null) {
      RuntimeException failure = failNextRecord;
      failNextRecord = null;
      throw failure;
    }
    Instant now = clock.instant();
    List<RecordOutcome> outcomes = new ArrayList<>();
    for (NewMessage message : batch) {
      if (messages.containsKey(message.key())) {
        outcomes.add(RecordOutcome.DUPLICATE);
        continue;
      }
      messages.put(message.key(), new StoredMessage(message.key(), message.call().type(), message.state(),
          message.reason(), message.warnings(), message.unmapped(), message.call().receivedAt(), message.timestamp()));
      message.orderingKey().ifPresent(key -> {
        Job job = new Job(new DeliveryJob(new JobId(nextJobId++), message.key(), message.call(), key, 0, now, "-"), now);
        job.acceptedAt = now;
        jobs.add(job);
      });
      outcomes.add(RecordOutcome.STORED);
    }
    return outcomes;
  }

  @Override
  public synchronized Optional<StoredMessage> find(MessageKey key) {
    return Optional.ofNullable(messages.get(key));
  }

  @Override
  public synchronized List<StoredMessage> findAll(MessageId messageId) {
    return messages.values().stream().filter(m -> m.key().messageId().equals(messageId)).toList();
  }

  @Override
  public synchronized List<StoredMessage> list(MessageState state, int limit) {
    List<StoredMessage> matching = new ArrayList<>(messages.values().stream().filter(m -> m.state() == state).toList());
    java.util.Collections.reverse(matching);
    return matching.stream().limit(limit).toList();
  }

  @Override
  public synchronized long pending() {
    return jobs.stream().filter(j -> !j.finished).count();
  }

  /** The id of the job of this message, if it was queued. */
  public synchronized Optional<JobId> jobOf(MessageKey key) {
    return jobs.stream().filter(j -> j.template.message().equals(key)).map(j -> j.template.id()).findFirst();
  }

  @Override
  public synchronized List<DeliveryJob> claim(String worker, Set<DeliveryLane> lanes, int limit, Duration lease) {
    Instant now = clock.instant();
    Set<OrderingKey> blocked = new HashSet<>();
    List<DeliveryJob> claimed = new ArrayList<>();
    for (Job job : jobs) {
      if (claimed.size() >= limit) {
        break;
      }
      if (job.finished) {
        continue;
      }
      // The earliest unfinished job of a key blocks every later one, claimable or not.
      if (!blocked.add(job.template.orderingKey())) {
        continue;
      }
      boolean leased = job.leaseUntil != null && job.leaseUntil.isAfter(now);
      if (leased || job.dueAt.isAfter(now) || !lanes.contains(DeliveryLane.of(CallType.parse(job.template.call().type())))) {
        continue;
      }
      job.leaseOwner = worker;
      job.leaseUntil = now.plus(lease);
      setState(job.template.message(), MessageState.DELIVERING, messages.get(job.template.message()).reason(), null);
      claimed.add(job.snapshot());
    }
    return claimed;
  }

  @Override
  public synchronized boolean complete(DeliveryJob claimed, DeliveryOutcome outcome) {
    Job job = jobs.stream().filter(j -> j.template.id().equals(claimed.id())).findFirst().orElseThrow();
    if (job.finished || !claimed.claimedBy().equals(job.leaseOwner)) {
      return false;
    }
    job.leaseOwner = null;
    job.leaseUntil = null;
    MessageKey key = job.template.message();
    switch (outcome) {
      case DeliveryOutcome.Delivered delivered -> {
        job.finished = true;
        setState(key, MessageState.DELIVERED, delivered.note(), delivered.unmapped());
      }
      case DeliveryOutcome.Skipped skipped -> {
        job.finished = true;
        setState(key, MessageState.SKIPPED, Optional.of(skipped.reason()), null);
      }
      case DeliveryOutcome.Failed failed -> {
        job.attempts++;
        job.finished = true;
        setState(key, MessageState.DEAD, Optional.of(failed.reason()), null);
      }
      case DeliveryOutcome.RetryLater retry -> {
        if (retry.cause().usesAttempt()) {
          job.attempts++;
        }
        job.dueAt = retry.notBefore();
        setState(key, MessageState.ACCEPTED, Optional.of("retrying: " + retry.reason()), null);
      }
    }
    return true;
  }

  @Override
  public synchronized List<DeliveryJob> renew(List<DeliveryJob> claimed, Duration lease) {
    Instant until = clock.instant().plus(lease);
    List<DeliveryJob> held = new ArrayList<>();
    for (DeliveryJob wanted : claimed) {
      Job job = jobs.stream().filter(j -> j.template.id().equals(wanted.id())).findFirst().orElseThrow();
      if (!job.finished && wanted.claimedBy().equals(job.leaseOwner)) {
        job.leaseUntil = until;
        held.add(wanted);
      }
    }
    return held;
  }

  @Override
  public synchronized void release(DeliveryJob claimed) {
    Job job = jobs.stream().filter(j -> j.template.id().equals(claimed.id())).findFirst().orElseThrow();
    if (job.finished || !claimed.claimedBy().equals(job.leaseOwner)) {
      return;
    }
    job.leaseOwner = null;
    job.leaseUntil = null;
    StoredMessage message = messages.get(job.template.message());
    setState(job.template.message(), MessageState.ACCEPTED, message.reason(), null);
  }

  @Override
  public synchronized int reviveSkippedWithoutEmail(String anonymousId, Instant since) {
    int revived = 0;
    Instant now = clock.instant();
    for (Job job : jobs) {
      StoredMessage message = messages.get(job.template.message());
      boolean skippedWithoutEmail = message.state() == MessageState.SKIPPED
          && message.reason().filter(DeliveryOutcome.Skipped.NO_EMAIL::equals).isPresent();
      if (skippedWithoutEmail && anonymousId.equals(job.template.call().event().raw("anonymousId"))
          && !message.receivedAt().isBefore(since)) {
        job.finished = false;
        job.dueAt = now;
        setState(job.template.message(), MessageState.ACCEPTED, Optional.of("revived: the visitor identified"), null);
        revived++;
      }
    }
    return revived;
  }

  @Override
  public synchronized boolean replay(MessageKey key) {
    StoredMessage message = messages.get(key);
    if (message == null || message.state() != MessageState.DEAD) {
      return false;
    }
    Job job = jobs.stream().filter(j -> j.template.message().equals(key)).findFirst().orElseThrow();
    Instant now = clock.instant();
    job.finished = false;
    job.attempts = 0;
    job.dueAt = now;
    job.acceptedAt = now;
    setState(key, MessageState.ACCEPTED, Optional.of("replayed"), null);
    return true;
  }

  private void setState(MessageKey key, MessageState state, Optional<String> reason, List<String> unmapped) {
    StoredMessage m = messages.get(key);
    messages.put(key, new StoredMessage(m.key(), m.type(), state, reason, m.warnings(),
        unmapped == null ? m.unmapped() : unmapped, m.receivedAt(), m.timestamp()));
  }

  /** Every stored message, in the order they were recorded. */
  public synchronized List<StoredMessage> messages() {
    return List.copyOf(messages.values());
  }

  /** How many jobs were ever queued. */
  public synchronized int jobCount() {
    return jobs.size();
  }

  /** How many failed attempts the job of this message has used. */
  public synchronized int attemptsOf(MessageKey key) {
    return jobs.stream().filter(j -> j.template.message().equals(key)).findFirst().orElseThrow().attempts;
  }

  /** When the job of this message is due next. */
  public synchronized Instant dueAtOf(MessageKey key) {
    return jobs.stream().filter(j -> j.template.message().equals(key)).findFirst().orElseThrow().dueAt;
  }
}
