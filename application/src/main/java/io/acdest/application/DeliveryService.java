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
import io.acdest.domain.delivery.RetryCause;
import io.acdest.domain.delivery.RetryPolicy;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.DeliveryQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

  public DeliveryService(
      DeliveryQueue queue,
      IdentifyService identify,
      TrackService track,
      PageService page,
      RetryPolicy retryPolicy,
      Duration configurationPause,
      Clock clock,
      RandomGenerator random) {
    this.queue = queue;
    this.identify = identify;
    this.track = track;
    this.page = page;
    this.retryPolicy = retryPolicy;
    this.configurationPause = configurationPause;
    this.clock = clock;
    this.random = random;
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
