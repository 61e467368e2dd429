package io.acdest.application;

import io.acdest.domain.call.AliasCall;
import io.acdest.domain.call.CallMapping;
import io.acdest.domain.call.IdentifyCall;
import io.acdest.domain.call.IgnoredCall;
import io.acdest.domain.call.MappedCall;
import io.acdest.domain.call.PageCall;
import io.acdest.domain.call.TrackCall;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.delivery.RetryCause;
import io.acdest.domain.delivery.RetryPolicy;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.in.IdentifyUseCase;
import io.acdest.domain.port.in.PageUseCase;
import io.acdest.domain.port.in.TrackUseCase;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.DeliveryQueue;
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
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Delivers one claimed job: maps the stored call again (once per delivery), hands it to its use
 * case's delivery, turns a CRM failure into the outcome docs/behaviour.md §4 prescribes, and records
 * the outcome in the queue.
 */
public final class DeliveryService implements DeliverCallUseCase {
  /** How long to wait when the CRM throttles without saying for how long. */
  static final Duration DEFAULT_THROTTLE_PAUSE = Duration.ofSeconds(1);

  private static final Duration RECORD_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_RECORD_BACKOFF = Duration.ofSeconds(2);

  private final DeliveryQueue queue;
  private final IdentifyUseCase identify;
  private final TrackUseCase track;
  private final PageUseCase page;
  private final RetryPolicy retryPolicy;
  private final Duration configurationPause;
  private final Clock clock;
  private final RandomGenerator random;
  private final boolean bulkImport;
  private final WaitingCalls waiting;

  public DeliveryService(
      DeliveryQueue queue,
      IdentifyUseCase identify,
      TrackUseCase track,
      PageUseCase page,
      WaitingCalls waiting,
      RetryPolicy retryPolicy,
      Duration configurationPause,
      Clock clock,
      RandomGenerator random,
      boolean bulkImport) {
    this.queue = queue;
    this.waiting = waiting;
    this.identify = identify;
    this.track = track;
    this.page = page;
    this.retryPolicy = retryPolicy;
    this.configurationPause = configurationPause;
    this.clock = clock;
    this.random = random;
    this.bulkImport = bulkImport;
  }

  @Override
  public DeliveryOutcome deliver(DeliveryJob job) {
    return deliver(job, Mapping.of(job), clock.instant());
  }

  /**
   * A stored call mapped once per delivery (the mapping rules as they are now, decision 0002): the mapped call, or
   * why it no longer maps.
   */
  private record Mapping(MappedCall call, InvalidField invalid) {
    static Mapping of(DeliveryJob job) {
      try {
        return new Mapping(CallMapping.map(job.call()), null);
      } catch (InvalidField noLongerValid) {
        return new Mapping(null, noLongerValid);
      }
    }
  }

  /** Delivers the job and records its outcome, trying the store again until {@code recordUntil} if it is down. */
  private DeliveryOutcome deliver(DeliveryJob job, Mapping mapping, Instant recordUntil) {
    DeliveryOutcome outcome;
    if (mapping.invalid() != null) {
      outcome =
          new DeliveryOutcome.Failed(
              "the stored call no longer passes the mapping rules: "
                  + mapping.invalid().getMessage());
    } else {
      try {
        outcome = deliver(mapping.call(), DeliveryContext.of(job.id()));
      } catch (CrmFailure failure) {
        outcome = afterFailure(job, failure);
      }
    }
    record(job, outcome, recordUntil);
    if (outcome instanceof DeliveryOutcome.Skipped skipped
        && DeliveryOutcome.Skipped.waitsForEmail(skipped.reason())) {
      waiting.recheck(mapping.call());
    }
    return outcome;
  }

  /**
   * Records a known outcome, trying again while the store cannot take it until {@code until} (the end of the
   * job's lease): a delivery that happened is not repeated merely because the database was down when it ended
   * (drill D3, docs/reliability.md). Past that the job is another worker's to take over, and the failure is passed on.
   */
  private void record(DeliveryJob job, DeliveryOutcome outcome, Instant until) {
    throughStoreTrouble(until, () -> queue.complete(job, outcome));
  }

  /**
   * Runs {@code action}; when it fails (the store: failures of the CRM are outcomes, never thrown this far) tries
   * again, backing off from 100 ms up to 2 s, until {@code until}; then, or when the worker is interrupted, the
   * last failure is passed on.
   */
  private <T> T throughStoreTrouble(Instant until, Supplier<T> action) {
    Duration backoff = RECORD_BACKOFF;
    while (true) {
      try {
        return action.get();
      } catch (RuntimeException storeDown) {
        if (!clock.instant().plus(backoff).isBefore(until)) {
          throw storeDown;
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException stopping) {
          Thread.currentThread().interrupt();
          throw storeDown;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_RECORD_BACKOFF) > 0
                ? MAX_RECORD_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  @Override
  public Map<JobId, DeliveryOutcome> deliverAll(
      List<DeliveryJob> jobs, Duration lease, BooleanSupplier keepGoing) {
    ClaimLeases leases = new ClaimLeases(jobs, lease);
    Map<JobId, DeliveryOutcome> outcomes = new HashMap<>();
    List<DeliveryJob> importJobs = new ArrayList<>();
    List<IdentifyCall> importCalls = new ArrayList<>();
    Map<JobId, Mapping> mappings = new HashMap<>();
    for (DeliveryJob job : jobs) {
      Mapping mapping = Mapping.of(job);
      mappings.put(job.id(), mapping);
      try {
        if (mapping.call() instanceof IdentifyCall call && identify.fitsImport(call)) {
          importJobs.add(job);
          importCalls.add(call);
        }
      } catch (CrmFailure notForImport) {
        // delivered one by one below, where the failure is classified
      }
    }
    if (bulkImport && importJobs.size() >= identify.minImport()) {
      // one input, one outcome: an identify the import would treat otherwise than a delivery on its
      // own goes alone
      for (int i = importJobs.size() - 1; i >= 0; i--) {
        if (!importsAlike(importCalls.get(i), DeliveryContext.of(importJobs.get(i).id()))) {
          importJobs.remove(i);
          importCalls.remove(i);
        }
      }
    }
    if (bulkImport && importJobs.size() >= identify.minImport()) {
      int chunk = Math.max(1, identify.maxImport());
      for (int from = 0; from < importJobs.size() && keepGoing.getAsBoolean(); from += chunk) {
        List<DeliveryJob> held = new ArrayList<>();
        for (int i = from; i < Math.min(importJobs.size(), from + chunk); i++) {
          if (leases.holds(importJobs.get(i), outcomes)) {
            held.add(importJobs.get(i));
          }
        }
        List<DeliveryJob> chunkJobs = begin(held, lease, leases.until());
        if (!chunkJobs.isEmpty()) {
          importChunk(
              chunkJobs,
              chunkJobs.stream().map(job -> importCalls.get(importJobs.indexOf(job))).toList(),
              outcomes,
              leases.until());
        }
      }
    }
    Map<JobId, DeliveryOutcome> inOrder = new LinkedHashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      DeliveryJob job = jobs.get(i);
      DeliveryOutcome imported = outcomes.get(job.id());
      if (imported == null && !keepGoing.getAsBoolean()) {
        // stopping: give back the jobs not started, so another worker (or the next start) takes
        // them at once
        jobs.subList(i, jobs.size()).stream()
            .filter(j -> !outcomes.containsKey(j.id()))
            .forEach(queue::release);
        break;
      }
      if (imported != null) {
        inOrder.put(job.id(), imported);
      } else if (leases.holds(job, outcomes)
          && !begin(List.of(job), lease, leases.until()).isEmpty()) {
        // The store failing mid-delivery (a rate-limit slot, the directory) retries the job here
        // while this
        // worker holds it, so it goes out as soon as the database is back rather than after its
        // lease.
        Instant until = leases.until();
        DeliveryOutcome outcome =
            throughStoreTrouble(until, () -> deliver(job, mappings.get(job.id()), until));
        outcomes.put(job.id(), outcome);
        inOrder.put(job.id(), outcome);
      }
    }
    return inOrder;
  }

  private boolean importsAlike(IdentifyCall call, DeliveryContext on) {
    try {
      return identify.importsAlike(call, on);
    } catch (CrmFailure cannotTell) {
      return false; // the CRM cannot say now (its catalogue unreadable): on its own, where its
      // answer is classified
    }
  }

  /**
   * The jobs that may begin now ({@link DeliveryQueue#start}): not taken over, and not held back by an erasure
   * since their claim. Tried again through store trouble while the leases last.
   */
  private List<DeliveryJob> begin(List<DeliveryJob> jobs, Duration lease, Instant until) {
    return jobs.isEmpty() ? List.of() : throughStoreTrouble(until, () -> queue.start(jobs, lease));
  }

  /**
   * The leases of one claim, renewed as the worker goes through it: at most a third of the lease passes between
   * renewals, so a job is only started while at least two thirds of its lease are left, and a job another worker
   * took over (after a renewal failed, or the worker stalled) is dropped rather than delivered twice.
   */
  private final class ClaimLeases {
    private final List<DeliveryJob> claimed;
    private final Duration lease;
    private final Duration renewEvery;
    private Instant renewedAt;
    private Set<JobId> held = new HashSet<>();

    ClaimLeases(List<DeliveryJob> claimed, Duration lease) {
      this.claimed = claimed;
      this.lease = lease;
      this.renewEvery = lease.dividedBy(3);
      this.renewedAt = clock.instant();
      claimed.forEach(job -> held.add(job.id()));
    }

    /** Whether the job is still this worker's to start; renews the leases of the jobs not done when due. */
    boolean holds(DeliveryJob job, Map<JobId, DeliveryOutcome> done) {
      Instant now = clock.instant();
      if (Duration.between(renewedAt, now).compareTo(renewEvery) >= 0) {
        List<DeliveryJob> open =
            claimed.stream()
                .filter(j -> held.contains(j.id()) && !done.containsKey(j.id()))
                .toList();
        try {
          Set<JobId> renewed = new HashSet<>();
          queue.renew(open, lease).forEach(still -> renewed.add(still.id()));
          held = renewed;
          renewedAt = now;
        } catch (RuntimeException storeDown) {
          // Not renewed (database down): the leases still run until until(); with less than a third
          // of them
          // left, nothing more is started, and the next call tries the renewal again.
          if (!now.isBefore(until().minus(renewEvery))) {
            return false;
          }
        }
      }
      return held.contains(job.id());
    }

    /** Until when the jobs held are surely still this worker's. */
    Instant until() {
      return renewedAt.plus(lease);
    }
  }

  /** One bulk import request for these jobs; its request is filed as an attempt of each of them. */
  private void importChunk(
      List<DeliveryJob> jobs,
      List<IdentifyCall> calls,
      Map<JobId, DeliveryOutcome> outcomes,
      Instant recordUntil) {
    List<DeliveryOutcome> results = importResults(jobs, calls);
    for (int i = 0; i < jobs.size(); i++) {
      if (results.get(i) != null) {
        record(jobs.get(i), results.get(i), recordUntil);
        outcomes.put(jobs.get(i).id(), results.get(i));
      }
    }
  }

  /** The outcome of each identify of one import, or null for one the CRM refused within it (delivered alone). */
  private List<DeliveryOutcome> importResults(List<DeliveryJob> jobs, List<IdentifyCall> calls) {
    try {
      List<Optional<List<String>>> unmapped =
          identify.importAll(
              calls, DeliveryContext.of(jobs.stream().map(DeliveryJob::id).toList()));
      List<DeliveryOutcome> delivered = new ArrayList<>();
      List<IdentifyCall> imported = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        if (unmapped.get(i).isEmpty()) {
          delivered.add(null); // refused within the import: delivered on its own below
          continue;
        }
        imported.add(calls.get(i));
        delivered.add(
            new DeliveryOutcome.Delivered(
                unmapped.get(i).get(),
                Optional.of("bulk import of " + calls.size() + " contacts")));
      }
      waiting.identified(imported);
      return delivered;
    } catch (CrmFailure failure) {
      return jobs.stream().map(job -> afterFailure(job, failure)).toList();
    }
  }

  private DeliveryOutcome deliver(MappedCall call, DeliveryContext on) {
    return switch (call) {
      case IdentifyCall identifyCall ->
          afterIdentify(identifyCall, identify.deliver(identifyCall, on));
      case TrackCall trackCall -> track.deliver(trackCall, on);
      case PageCall pageCall -> page.deliver(pageCall, on);
      case IgnoredCall ignored -> new DeliveryOutcome.Skipped(ignored.reason());
      case AliasCall alias -> new DeliveryOutcome.Skipped(alias.reason());
    };
  }

  /** A delivered identify makes its person's email known: the calls that waited for it come back. */
  private DeliveryOutcome afterIdentify(IdentifyCall call, DeliveryOutcome outcome) {
    if (outcome instanceof DeliveryOutcome.Delivered) {
      waiting.identified(List.of(call));
    }
    return outcome;
  }

  /**
   * docs/behaviour.md §4: transient failures back off and count an attempt, until the retry window runs out; throttling
   * waits for the CRM's Retry-After; a configuration error pauses without using an attempt (the backlog must not be
   * dead-lettered for a bad key); a permanent error kills the message at once with the CRM's text.
   */
  private DeliveryOutcome afterFailure(DeliveryJob job, CrmFailure failure) {
    Instant now = clock.instant();
    String reason = failure.getMessage();
    return switch (failure.kind()) {
      case TRANSIENT, CONTACT_GONE ->
          retryPolicy.afterTransientFailure(
              job.attempts() + 1, job.acceptedAt(), now, reason, random);
      case THROTTLED ->
          new DeliveryOutcome.RetryLater(
              now.plus(failure.retryAfter().orElse(DEFAULT_THROTTLE_PAUSE)),
              RetryCause.THROTTLED,
              reason);
      case CONFIGURATION ->
          new DeliveryOutcome.RetryLater(now.plus(configurationPause), RetryCause.PAUSED, reason);
      case PERMANENT -> new DeliveryOutcome.Failed(reason);
    };
  }
}
