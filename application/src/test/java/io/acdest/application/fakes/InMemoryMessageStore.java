package io.acdest.application.fakes;

import io.acdest.domain.call.CallType;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.DeliverySummary;
import io.acdest.domain.delivery.DestinationDelivery;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.DestinationActivity;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.MessageSearch;
import io.acdest.domain.port.out.MessageSummary;
import io.acdest.domain.port.out.NewMessage;
import io.acdest.domain.port.out.OperationsReadModel;
import io.acdest.domain.port.out.StoredMessage;
import io.acdest.domain.report.DeliveryReport;
import io.acdest.domain.report.FailureGroups;
import io.acdest.domain.report.FailureReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
public final class InMemoryMessageStore implements MessageLog, DeliveryQueue, OperationsReadModel {
  private final Clock clock;
  private final Map<MessageKey, StoredMessage> messages = new LinkedHashMap<>();
  private final List<Job> jobs = new ArrayList<>();
  private final Map<MessageKey, ReceivedCall> calls = new HashMap<>();
  private final Map<MessageKey, Instant> updatedAt = new HashMap<>();
  private final Map<MessageKey, Duration> acceptToDelivered = new HashMap<>();
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
    boolean started;
    boolean finished;
    DestinationDelivery.Status status = DestinationDelivery.Status.PENDING;
    Optional<String> reason = Optional.empty();

    Job(DeliveryJob template, Instant dueAt) {
      this.template = template;
      this.dueAt = dueAt;
    }

    void finish(DestinationDelivery.Status outcome, Optional<String> why) {
      finished = true;
      status = outcome;
      reason = why;
    }

    /** Back in the queue, due now, with a new retry window. */
    void requeue(Instant now, String why) {
      finished = false;
      status = DestinationDelivery.Status.PENDING;
      reason = Optional.of(why);
      dueAt = now;
      acceptedAt = now;
      attempts = 0;
    }

    boolean waitsForEmail() {
      return status == DestinationDelivery.Status.SKIPPED
          && reason.filter(DeliveryOutcome.Skipped::waitsForEmail).isPresent();
    }

    DeliveryJob snapshot() {
      DeliveryJob t = template;
      return new DeliveryJob(
          t.id(),
          t.message(),
          t.call(),
          t.orderingKey(),
          attempts,
          acceptedAt,
          leaseOwner,
          t.destination());
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
      messages.put(
          message.key(),
          new StoredMessage(
              message.key(),
              message.call().type(),
              message.state(),
              message.reason(),
              message.warnings(),
              message.unmapped(),
              message.call().receivedAt(),
              message.timestamp()));
      calls.put(message.key(), message.call());
      updatedAt.put(message.key(), now);
      message
          .orderingKey()
          .ifPresent(
              key -> {
                for (DestinationId destination : message.destinations()) {
                  Job job =
                      new Job(
                          new DeliveryJob(
                              new JobId(nextJobId++),
                              message.key(),
                              message.call(),
                              key,
                              0,
                              now,
                              "-",
                              destination),
                          now);
                  job.acceptedAt = now;
                  jobs.add(job);
                }
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
    List<StoredMessage> matching =
        new ArrayList<>(messages.values().stream().filter(m -> m.state() == state).toList());
    java.util.Collections.reverse(matching);
    return matching.stream().limit(limit).toList();
  }

  @Override
  public synchronized long pending() {
    return jobs.stream().filter(j -> !j.finished).count();
  }

  /** The id of the job of this message, if it was queued. */
  public synchronized Optional<JobId> jobOf(MessageKey key) {
    return jobs.stream()
        .filter(j -> j.template.message().equals(key))
        .map(j -> j.template.id())
        .findFirst();
  }

  @Override
  public synchronized List<DeliveryJob> claim(
      String worker,
      DestinationId destination,
      Set<DeliveryLane> lanes,
      int limit,
      Duration lease) {
    Instant now = clock.instant();
    Set<OrderingKey> blocked = new HashSet<>();
    List<DeliveryJob> claimed = new ArrayList<>();
    for (Job job : jobs) {
      if (claimed.size() >= limit) {
        break;
      }
      if (job.finished || !job.template.destination().equals(destination)) {
        continue;
      }
      // The earliest unfinished job of a key blocks every later one to its destination, claimable
      // or not.
      if (!blocked.add(job.template.orderingKey())) {
        continue;
      }
      boolean leased = job.leaseUntil != null && job.leaseUntil.isAfter(now);
      if (leased
          || job.dueAt.isAfter(now)
          || !lanes.contains(DeliveryLane.of(CallType.parse(job.template.call().type())))) {
        continue;
      }
      job.leaseOwner = worker;
      job.leaseUntil = now.plus(lease);
      job.started = false;
      setState(
          job.template.message(),
          MessageState.DELIVERING,
          messages.get(job.template.message()).reason(),
          null);
      claimed.add(job.snapshot());
    }
    return claimed;
  }

  @Override
  public synchronized boolean complete(DeliveryJob claimed, DeliveryOutcome outcome) {
    Job job =
        jobs.stream().filter(j -> j.template.id().equals(claimed.id())).findFirst().orElseThrow();
    if (job.finished || !claimed.claimedBy().equals(job.leaseOwner)) {
      return false;
    }
    job.leaseOwner = null;
    job.leaseUntil = null;
    job.started = false;
    MessageKey key = job.template.message();
    List<String> unmapped = null;
    switch (outcome) {
      case DeliveryOutcome.Delivered delivered -> {
        job.finish(DestinationDelivery.Status.DELIVERED, delivered.note());
        unmapped = delivered.unmapped();
      }
      case DeliveryOutcome.Skipped skipped ->
          job.finish(DestinationDelivery.Status.SKIPPED, Optional.of(skipped.reason()));
      case DeliveryOutcome.Failed failed -> {
        job.attempts++;
        job.finish(DestinationDelivery.Status.DEAD, Optional.of(failed.reason()));
      }
      case DeliveryOutcome.RetryLater retry -> {
        if (retry.cause().usesAttempt()) {
          job.attempts++;
        }
        job.dueAt = retry.notBefore();
        job.reason = Optional.of("retrying: " + retry.reason());
      }
    }
    sumUp(key, unmapped);
    return true;
  }

  /** Sets the message's state to the summary of its deliveries. */
  private void sumUp(MessageKey key, List<String> unmapped) {
    DeliverySummary summary = DeliverySummary.of(deliveriesOf(key));
    setState(key, summary.state(), summary.reason(), unmapped);
  }

  private List<DestinationDelivery> deliveriesOf(MessageKey key) {
    return jobs.stream()
        .filter(j -> j.template.message().equals(key))
        .map(j -> new DestinationDelivery(j.template.destination(), j.status, j.reason, j.attempts))
        .toList();
  }

  @Override
  public synchronized Map<DestinationId, DestinationCounts> destinationCounts(Instant since) {
    Map<DestinationId, DestinationCounts> counts = new LinkedHashMap<>();
    for (Job job : jobs) {
      DestinationCounts was =
          counts.getOrDefault(job.template.destination(), new DestinationCounts(0, 0, 0));
      boolean recent = !updatedAt.get(job.template.message()).isBefore(since);
      counts.put(
          job.template.destination(),
          new DestinationCounts(
              was.pending() + (job.finished ? 0 : 1),
              was.delivered()
                  + (recent && job.status == DestinationDelivery.Status.DELIVERED ? 1 : 0),
              was.dead() + (recent && job.status == DestinationDelivery.Status.DEAD ? 1 : 0)));
    }
    return counts;
  }

  @Override
  public synchronized List<DestinationDelivery> deliveries(MessageKey key) {
    return deliveriesOf(key);
  }

  @Override
  public synchronized Map<DestinationId, Integer> endDeliveriesExcept(
      Set<DestinationId> delivering) {
    Map<DestinationId, Integer> ended = new LinkedHashMap<>();
    Set<MessageKey> touched = new java.util.LinkedHashSet<>();
    for (Job job : jobs) {
      DestinationId destination = job.template.destination();
      if (!job.finished && !delivering.contains(destination)) {
        job.leaseOwner = null;
        job.leaseUntil = null;
        job.finish(
            DestinationDelivery.Status.ENDED,
            Optional.of(DestinationDelivery.endedReason(destination)));
        ended.merge(destination, 1, Integer::sum);
        touched.add(job.template.message());
      }
    }
    touched.forEach(key -> sumUp(key, null));
    return ended;
  }

  @Override
  public synchronized List<DeliveryJob> renew(List<DeliveryJob> claimed, Duration lease) {
    Instant until = clock.instant().plus(lease);
    List<DeliveryJob> held = new ArrayList<>();
    for (DeliveryJob wanted : claimed) {
      Job job =
          jobs.stream().filter(j -> j.template.id().equals(wanted.id())).findFirst().orElseThrow();
      if (!job.finished && wanted.claimedBy().equals(job.leaseOwner)) {
        job.leaseUntil = until;
        held.add(wanted);
      }
    }
    return held;
  }

  @Override
  public synchronized List<DeliveryJob> start(List<DeliveryJob> claimed, Duration lease) {
    Instant until = clock.instant().plus(lease);
    List<DeliveryJob> started = new ArrayList<>();
    for (DeliveryJob wanted : claimed) {
      Job job =
          jobs.stream().filter(j -> j.template.id().equals(wanted.id())).findFirst().orElseThrow();
      if (job.finished || !wanted.claimedBy().equals(job.leaseOwner)) {
        continue;
      }
      if (job.dueAt.equals(Instant.MAX)) {
        release(wanted); // held back for an erasure: given back unstarted
        continue;
      }
      job.leaseUntil = until;
      job.started = true;
      started.add(wanted);
    }
    return started;
  }

  /** Holds the message's job back as an erasure does: due never, so it is neither claimed nor started. */
  public synchronized void holdBack(MessageKey key) {
    jobs.stream()
        .filter(j -> j.template.message().equals(key) && !j.finished)
        .forEach(j -> j.dueAt = Instant.MAX);
  }

  /** Whether the message's job began under its current lease. */
  public synchronized boolean startedOf(MessageKey key) {
    return jobs.stream()
        .filter(j -> j.template.message().equals(key))
        .findFirst()
        .orElseThrow()
        .started;
  }

  /** Who holds the lease of the message's job, if anyone. */
  public synchronized Optional<String> leaseOwnerOf(MessageKey key) {
    return Optional.ofNullable(
        jobs.stream()
            .filter(j -> j.template.message().equals(key))
            .findFirst()
            .orElseThrow()
            .leaseOwner);
  }

  @Override
  public synchronized void release(DeliveryJob claimed) {
    Job job =
        jobs.stream().filter(j -> j.template.id().equals(claimed.id())).findFirst().orElseThrow();
    if (job.finished || !claimed.claimedBy().equals(job.leaseOwner)) {
      return;
    }
    job.leaseOwner = null;
    job.leaseUntil = null;
    job.started = false;
    StoredMessage message = messages.get(job.template.message());
    setState(job.template.message(), MessageState.ACCEPTED, message.reason(), null);
  }

  @Override
  public synchronized int reviveWaitingForEmail(Set<String> personIds, Instant since) {
    int revived = 0;
    Instant now = clock.instant();
    for (Job job : jobs) {
      StoredMessage message = messages.get(job.template.message());
      var event = job.template.call().event();
      boolean theirs =
          personIds.contains(String.valueOf(event.raw("userId")))
              || personIds.contains(String.valueOf(event.raw("anonymousId")));
      if (job.finished && job.waitsForEmail() && theirs && !message.receivedAt().isBefore(since)) {
        job.requeue(now, "revived: the email became known");
        sumUp(job.template.message(), null);
        revived++;
      }
    }
    return revived;
  }

  @Override
  public synchronized boolean replay(MessageKey key) {
    StoredMessage message = messages.get(key);
    boolean waiting =
        message != null
            && message.state() == MessageState.SKIPPED
            && message.reason().filter(DeliveryOutcome.Skipped::waitsForEmail).isPresent();
    if (message == null || (message.state() != MessageState.DEAD && !waiting)) {
      return false;
    }
    Instant now = clock.instant();
    jobs.stream()
        .filter(j -> j.template.message().equals(key))
        .filter(
            j -> j.finished && (j.status == DestinationDelivery.Status.DEAD || j.waitsForEmail()))
        .forEach(j -> j.requeue(now, "replayed"));
    sumUp(key, null);
    return true;
  }

  private void setState(
      MessageKey key, MessageState state, Optional<String> reason, List<String> unmapped) {
    StoredMessage m = messages.get(key);
    updatedAt.put(key, clock.instant());
    if (state == MessageState.DELIVERED) {
      jobs.stream()
          .filter(j -> j.template.message().equals(key))
          .findFirst()
          .ifPresent(
              job -> acceptToDelivered.put(key, Duration.between(job.acceptedAt, clock.instant())));
    }
    messages.put(
        key,
        new StoredMessage(
            m.key(),
            m.type(),
            state,
            reason,
            m.warnings(),
            unmapped == null ? m.unmapped() : unmapped,
            m.receivedAt(),
            m.timestamp()));
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
    return jobs.stream()
        .filter(j -> j.template.message().equals(key))
        .findFirst()
        .orElseThrow()
        .attempts;
  }

  /** When the job of this message is due next. */
  public synchronized Instant dueAtOf(MessageKey key) {
    return jobs.stream()
        .filter(j -> j.template.message().equals(key))
        .findFirst()
        .orElseThrow()
        .dueAt;
  }

  // ---- what operators read: the call's own email only (this fake keeps no contact directory) ----

  private boolean matches(StoredMessage message, MessageSearch search) {
    ReceivedCall call = calls.get(message.key());
    Map<String, Object> event = call.event().asMap();
    return search.messageId().map(id -> id.equals(message.key().messageId().value())).orElse(true)
        && search.userId().map(id -> id.equals(event.get("userId"))).orElse(true)
        && search.email().map(email -> emailsOf(event).contains(email)).orElse(true)
        && search.type().map(type -> type.wire().equals(message.type())).orElse(true)
        && search.state().map(state -> state == message.state()).orElse(true)
        && search.from().map(from -> !message.receivedAt().isBefore(from)).orElse(true)
        && search.to().map(to -> message.receivedAt().isBefore(to)).orElse(true)
        && search
            .destination()
            .map(
                d ->
                    jobs.stream()
                        .anyMatch(
                            j ->
                                j.template.message().equals(message.key())
                                    && j.template.destination().equals(d)))
            .orElse(true)
        && search
            .reason()
            .map(
                group ->
                    jobs.stream()
                        .anyMatch(
                            j ->
                                j.template.message().equals(message.key())
                                    && search
                                        .destination()
                                        .map(j.template.destination()::equals)
                                        .orElse(true)
                                    && j.reason
                                        .map(FailureReason::group)
                                        .filter(group::equals)
                                        .isPresent()))
            .orElse(true);
  }

  private static Set<String> emailsOf(Map<String, Object> event) {
    Set<String> emails = new HashSet<>();
    for (String holder : List.of("traits", "properties", "context")) {
      Object inner = event.get(holder);
      if (inner instanceof Map<?, ?> map) {
        Object email =
            holder.equals("context") && map.get("traits") instanceof Map<?, ?> traits
                ? traits.get("email")
                : map.get("email");
        if (email instanceof String text) {
          emails.add(text.strip().toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    return emails;
  }

  private List<StoredMessage> matching(MessageSearch search) {
    List<StoredMessage> found =
        new ArrayList<>(messages.values().stream().filter(m -> matches(m, search)).toList());
    java.util.Collections.reverse(found);
    return found;
  }

  @Override
  public synchronized List<MessageSummary> search(MessageSearch search) {
    return matching(search).stream()
        .skip(search.offset())
        .limit(search.limit())
        .map(
            m -> {
              Map<String, Object> event = calls.get(m.key()).event().asMap();
              return new MessageSummary(
                  m,
                  text(event.get("userId")),
                  emailsOf(event).stream().findFirst(),
                  text(event.get("event")).or(() -> text(event.get("name"))));
            })
        .toList();
  }

  private static Optional<String> text(Object value) {
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  @Override
  public synchronized long count(MessageSearch search) {
    return matching(search).size();
  }

  @Override
  public synchronized List<MessageKey> deadMatching(MessageSearch search, int max) {
    return matching(search).stream()
        .filter(m -> m.state() == MessageState.DEAD)
        .limit(max)
        .map(StoredMessage::key)
        .toList();
  }

  @Override
  public synchronized Optional<ReceivedCall> call(MessageKey key) {
    return Optional.ofNullable(calls.get(key));
  }

  @Override
  public synchronized Map<String, Map<String, Long>> countsByTypeAndState(Instant since) {
    Map<String, Map<String, Long>> counts = new java.util.TreeMap<>();
    messages.values().stream()
        .filter(m -> !m.receivedAt().isBefore(since))
        .forEach(
            m ->
                counts
                    .computeIfAbsent(m.type(), t -> new java.util.TreeMap<>())
                    .merge(m.state().wire(), 1L, Long::sum));
    return counts;
  }

  @Override
  public synchronized List<DeliveryOverview.MinuteCounts> perMinute(Instant since) {
    Map<Instant, long[]> minutes = new java.util.TreeMap<>();
    messages
        .values()
        .forEach(
            m -> {
              Instant at = updatedAt.get(m.key());
              if (at != null
                  && !at.isBefore(since)
                  && (m.state() == MessageState.DELIVERED || m.state() == MessageState.DEAD)) {
                long[] counts =
                    minutes.computeIfAbsent(
                        at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), k -> new long[2]);
                counts[m.state() == MessageState.DELIVERED ? 0 : 1]++;
              }
            });
    List<DeliveryOverview.MinuteCounts> series = new ArrayList<>();
    minutes.forEach(
        (minute, counts) ->
            series.add(new DeliveryOverview.MinuteCounts(minute, counts[0], counts[1])));
    return series;
  }

  @Override
  public synchronized Optional<Duration> p95AcceptToDelivered(Instant since) {
    List<Duration> delivered =
        acceptToDelivered.entrySet().stream()
            .filter(e -> !updatedAt.get(e.getKey()).isBefore(since))
            .map(Map.Entry::getValue)
            .sorted()
            .toList();
    return delivered.isEmpty()
        ? Optional.empty()
        : Optional.of(delivered.get((int) Math.ceil(0.95 * delivered.size()) - 1));
  }

  @Override
  public synchronized QueueState queue() {
    List<Job> waiting = jobs.stream().filter(j -> !j.finished).toList();
    return new QueueState(
        waiting.size(), waiting.stream().map(j -> j.dueAt).min(Instant::compareTo));
  }

  /**
   * The report's counts from the jobs of the calls received in the window; a job's finishing time is its message's
   * last update, and samples carry no request (the attempts live in the attempt log).
   */
  @Override
  public synchronized DestinationActivity activity(
      DestinationId destination, Instant from, Instant to, Duration bucket) {
    List<StoredMessage> received =
        messages.values().stream()
            .filter(m -> !m.receivedAt().isBefore(from) && m.receivedAt().isBefore(to))
            .toList();
    Set<MessageKey> inWindow = new HashSet<>(received.stream().map(StoredMessage::key).toList());
    List<Job> routed =
        jobs.stream()
            .filter(
                j ->
                    j.template.destination().equals(destination)
                        && inWindow.contains(j.template.message()))
            .toList();
    Map<DestinationDelivery.Status, Long> outcomes = new HashMap<>();
    routed.forEach(j -> outcomes.merge(j.status, 1L, Long::sum));
    Map<List<String>, List<Job>> notDelivered = new java.util.LinkedHashMap<>();
    for (Job job : routed) {
      String kind =
          job.status == DestinationDelivery.Status.PENDING ? "retrying" : job.status.wire();
      if ((kind.equals("retrying") && job.reason.isPresent())
          || job.status == DestinationDelivery.Status.SKIPPED
          || job.status == DestinationDelivery.Status.DEAD) {
        notDelivered
            .computeIfAbsent(List.of(kind, job.reason.orElse("")), k -> new ArrayList<>())
            .add(job);
      }
    }
    List<FailureGroups.Counted> skipped = new ArrayList<>();
    List<FailureGroups.Counted> failed = new ArrayList<>();
    List<FailureGroups.Sampled> samples = new ArrayList<>();
    notDelivered.forEach(
        (kindAndReason, of) -> {
          List<Instant> times =
              of.stream().map(j -> updatedAt.get(j.template.message())).sorted().toList();
          FailureGroups.Counted counted =
              new FailureGroups.Counted(
                  kindAndReason.get(0),
                  kindAndReason.get(1),
                  of.size(),
                  times.get(0),
                  times.get(times.size() - 1));
          (counted.outcome().equals("skipped") ? skipped : failed).add(counted);
          if (!counted.outcome().equals("skipped")) {
            of.forEach(
                j ->
                    samples.add(
                        new FailureGroups.Sampled(
                            counted.outcome(),
                            counted.reason(),
                            new DeliveryReport.Sample(
                                j.template.message(),
                                j.template.call().type(),
                                updatedAt.get(j.template.message()),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()))));
          }
        });
    return new DestinationActivity(
        new DeliveryReport.Funnel(
            received.size(),
            received.stream().filter(m -> m.state() == MessageState.REJECTED).count(),
            received.stream()
                .filter(
                    m -> m.state() == MessageState.FILTERED || m.state() == MessageState.IGNORED)
                .count(),
            routed.size(),
            Map.of(),
            outcomes.getOrDefault(DestinationDelivery.Status.DELIVERED, 0L),
            outcomes.getOrDefault(DestinationDelivery.Status.DEAD, 0L),
            outcomes.getOrDefault(DestinationDelivery.Status.PENDING, 0L),
            outcomes.getOrDefault(DestinationDelivery.Status.ENDED, 0L)),
        List.of(),
        Optional.empty(),
        skipped,
        failed,
        samples);
  }

  @Override
  public synchronized List<DeliveryOverview.Pause> budgetPauses(Instant now) {
    return List.of(); // budgets live in the rate limiter; this store has none
  }
}
