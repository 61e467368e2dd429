package io.acdest.application;

import io.acdest.domain.call.AliasCall;
import io.acdest.domain.call.CallMapping;
import io.acdest.domain.call.IdentifyCall;
import io.acdest.domain.call.IgnoredCall;
import io.acdest.domain.call.MappedCall;
import io.acdest.domain.call.PageCall;
import io.acdest.domain.call.TrackCall;
import io.acdest.domain.delivery.CurrentDelivery;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.delivery.RetryCause;
import io.acdest.domain.delivery.RetryPolicy;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.DeliveryQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Delivers one claimed job: maps the stored call again, hands it to its use case's delivery, turns a CRM
 * failure into the outcome §4 prescribes, and records the outcome in the queue.
 */
public final class DeliveryService implements DeliverCallUseCase {
  /** How long to wait when the CRM throttles without saying for how long. */
  static final Duration DEFAULT_THROTTLE_PAUSE = Duration.ofSeconds(1);

  private final DeliveryQueue queue;
  private final IdentifyService identify;
  private final TrackService track;
  private final PageService page;
  private final RetryPolicy retryPolicy;
  private final Duration configurationPause;
  private final Clock clock;
  private final RandomGenerator random;
  private final boolean bulkImport;

  public DeliveryService(
      DeliveryQueue queue,
      IdentifyService identify,
      TrackService track,
      PageService page,
      RetryPolicy retryPolicy,
      Duration configurationPause,
      Clock clock,
      RandomGenerator random,
      boolean bulkImport) {
    this.queue = queue;
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
    DeliveryOutcome outcome = CurrentDelivery.of(job.id(), () -> {
      try {
        return deliver(CallMapping.map(job.call()));
      } catch (InvalidField noLongerValid) {
        return new DeliveryOutcome.Failed(
            "the stored call no longer passes the mapping rules: " + noLongerValid.getMessage());
      } catch (CrmFailure failure) {
        return afterFailure(job, failure);
      }
    });
    queue.complete(job, outcome);
    return outcome;
  }

  /** Fewest identifies that go out as a bulk import rather than one by one (ActiveCampaign suggests 10). */
  public static final int MIN_BULK_IMPORT = 10;

  @Override
  public List<DeliveryOutcome> deliverAll(List<DeliveryJob> jobs, BooleanSupplier keepGoing) {
    Map<JobId, DeliveryOutcome> outcomes = new HashMap<>();
    List<DeliveryJob> importJobs = new ArrayList<>();
    List<IdentifyCall> importCalls = new ArrayList<>();
    for (DeliveryJob job : jobs) {
      try {
        if (CallMapping.map(job.call()) instanceof IdentifyCall call && identify.fitsImport(call)) {
          importJobs.add(job);
          importCalls.add(call);
        }
      } catch (InvalidField | CrmFailure notForImport) {
        // delivered one by one below, where the failure is classified
      }
    }
    if (bulkImport && importJobs.size() >= MIN_BULK_IMPORT) {
      int chunk = Math.max(1, identify.maxImport());
      for (int from = 0; from < importJobs.size(); from += chunk) {
        int to = Math.min(importJobs.size(), from + chunk);
        importChunk(importJobs.subList(from, to), importCalls.subList(from, to), outcomes);
      }
    }
    List<DeliveryOutcome> inOrder = new ArrayList<>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      DeliveryJob job = jobs.get(i);
      DeliveryOutcome imported = outcomes.get(job.id());
      if (imported == null && !keepGoing.getAsBoolean()) {
        // stopping: give back the jobs not started, so another worker (or the next start) takes them at once
        jobs.subList(i, jobs.size()).stream().filter(j -> !outcomes.containsKey(j.id())).forEach(queue::release);
        break;
      }
      inOrder.add(imported != null ? imported : deliver(job));
    }
    return inOrder;
  }

  /** One bulk import request for these jobs; its request is filed as an attempt of the first of them. */
  private void importChunk(List<DeliveryJob> jobs, List<IdentifyCall> calls, Map<JobId, DeliveryOutcome> outcomes) {
    List<DeliveryOutcome> results = CurrentDelivery.of(jobs.get(0).id(), () -> {
      try {
        List<List<String>> unmapped = identify.importAll(calls);
        List<DeliveryOutcome> delivered = new ArrayList<>();
        for (List<String> traits : unmapped) {
          delivered.add(new DeliveryOutcome.Delivered(traits,
              Optional.of("bulk import of " + calls.size() + " contacts")));
        }
        return delivered;
      } catch (CrmFailure failure) {
        return jobs.stream().map(job -> afterFailure(job, failure)).toList();
      }
    });
    for (int i = 0; i < jobs.size(); i++) {
      queue.complete(jobs.get(i), results.get(i));
      outcomes.put(jobs.get(i).id(), results.get(i));
    }
  }

  private DeliveryOutcome deliver(MappedCall call) {
    return switch (call) {
      case IdentifyCall identifyCall -> identify.deliver(identifyCall);
      case TrackCall trackCall -> track.deliver(trackCall);
      case PageCall pageCall -> page.deliver(pageCall);
      case IgnoredCall ignored -> new DeliveryOutcome.Skipped(ignored.reason());
      case AliasCall alias -> new DeliveryOutcome.Skipped(alias.reason());
    };
  }

  /**
   * §4: transient failures back off and count an attempt, until the retry window runs out; throttling waits
   * for the CRM's Retry-After; a configuration error pauses without using an attempt (the backlog must not be
   * dead-lettered for a bad key); a permanent error kills the message at once with the CRM's text.
   */
  private DeliveryOutcome afterFailure(DeliveryJob job, CrmFailure failure) {
    Instant now = clock.instant();
    String reason = failure.getMessage();
    return switch (failure.kind()) {
      case TRANSIENT -> retryPolicy.afterTransientFailure(job.attempts() + 1, job.acceptedAt(), now, reason, random);
      case THROTTLED -> new DeliveryOutcome.RetryLater(
          now.plus(failure.retryAfter().orElse(DEFAULT_THROTTLE_PAUSE)), RetryCause.THROTTLED, reason);
      case CONFIGURATION -> new DeliveryOutcome.RetryLater(now.plus(configurationPause), RetryCause.PAUSED, reason);
      case PERMANENT -> new DeliveryOutcome.Failed(reason);
    };
  }
}
