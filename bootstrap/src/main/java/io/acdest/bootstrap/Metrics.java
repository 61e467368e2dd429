package io.acdest.bootstrap;

import io.acdest.domain.call.CallType;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.delivery.RetryCause;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.port.in.AcceptResult;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.in.IngestCallsUseCase;
import io.acdest.domain.port.in.IngestReport;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.OperationsReadModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service's metrics (Prometheus): calls received and what became of them by type, deliveries by outcome,
 * ActiveCampaign requests by endpoint and status, queue depth, and the time from acceptance to delivery. Counted
 * by decorators around the ports, so the core knows nothing of Micrometer.
 */
final class Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer deliveryLatency =
      Timer.builder("acdest_delivery_latency")
          .description("time from a call's acceptance to its delivery")
          .publishPercentileHistogram()
          .maximumExpectedValue(Duration.ofHours(4))
          .register(registry);

  PrometheusMeterRegistry registry() {
    return registry;
  }

  String scrape() {
    return registry.scrape();
  }

  void queueDepth(DeliveryQueue queue) {
    Gauge.builder("acdest_queue_pending_jobs", queue, DeliveryQueue::pending)
        .description("delivery jobs waiting, due or not")
        .register(registry);
  }

  /**
   * How long the oldest due job has waited past its due time, in seconds (0 when none is due): the queue-age alert
   * reads it (docs/operations.md, "Alerts").
   */
  void queueAge(OperationsReadModel reads, Clock clock) {
    Gauge.builder(
            "acdest_queue_oldest_due_age_seconds",
            reads,
            r ->
                r.queue()
                    .oldestDue()
                    .map(
                        due -> Math.max(0, Duration.between(due, clock.instant()).toMillis() / 1e3))
                    .orElse(0.0))
        .description("how long the oldest due delivery job has waited past its due time")
        .baseUnit("seconds")
        .register(registry);
  }

  /**
   * Per destination: whether its deliveries are paused by a configuration error (1 or 0), and for how long, in
   * seconds: the paused-destination alert reads them.
   */
  void pauses(List<ConfigurationPauses> destinations, Clock clock) {
    for (ConfigurationPauses pauses : destinations) {
      String destination = pauses.destination().value();
      Gauge.builder("acdest_destination_paused", pauses, p -> p.current().isPresent() ? 1 : 0)
          .description("1 while the destination's deliveries are paused by a configuration error")
          .tag("destination", destination)
          .register(registry);
      Gauge.builder(
              "acdest_destination_paused_seconds",
              pauses,
              p ->
                  p.pausedSince()
                      .map(since -> Duration.between(since, clock.instant()).toMillis() / 1e3)
                      .orElse(0.0))
          .description(
              "how long the destination's deliveries have been paused, 0 when they are not")
          .tag("destination", destination)
          .baseUnit("seconds")
          .register(registry);
    }
  }

  private void count(String name, String description, String... tags) {
    Counter.builder(name).description(description).tags(tags).register(registry).increment();
  }

  /** Counts every call received and what became of it; runs {@code afterCommit} when something was stored. */
  IngestCallsUseCase metered(IngestCallsUseCase ingest, Runnable afterCommit) {
    return command -> {
      List<ReceivedCall> calls = command.calls();
      calls.forEach(
          call -> count("acdest_calls_received", "calls received", "type", typeTag(call.type())));
      IngestReport report = ingest.ingest(command);
      for (int i = 0; i < report.results().size(); i++) {
        String result =
            switch (report.results().get(i)) {
              case AcceptResult.Accepted accepted -> "accepted";
              case AcceptResult.Duplicate duplicate -> "duplicate";
              case AcceptResult.Rejected rejected -> "rejected";
              case AcceptResult.Filtered filtered -> "filtered";
              case AcceptResult.Ignored ignored -> "ignored";
            };
        count(
            "acdest_calls",
            "calls by what became of them",
            "type",
            typeTag(calls.get(i).type()),
            "result",
            report.stored() ? result : "not_stored");
      }
      if (report.stored()) {
        afterCommit.run();
      }
      return report;
    };
  }

  /** Counts deliveries by outcome, times accepted → delivered, and tracks configuration pauses. */
  DeliverCallUseCase metered(DeliverCallUseCase delivery, Clock clock, ConfigurationPauses pauses) {
    return new DeliverCallUseCase() {
      @Override
      public DeliveryOutcome deliver(DeliveryJob job) {
        return counted(job, delivery.deliver(job), clock, pauses);
      }

      @Override
      public Map<JobId, DeliveryOutcome> deliverAll(
          List<DeliveryJob> jobs, Duration lease, java.util.function.BooleanSupplier keepGoing) {
        Map<JobId, DeliveryOutcome> outcomes = delivery.deliverAll(jobs, lease, keepGoing);
        for (DeliveryJob job : jobs) {
          DeliveryOutcome outcome = outcomes.get(job.id());
          if (outcome != null) {
            counted(job, outcome, clock, pauses);
          }
        }
        return outcomes;
      }
    };
  }

  private DeliveryOutcome counted(
      DeliveryJob job, DeliveryOutcome outcome, Clock clock, ConfigurationPauses pauses) {
    String tag =
        switch (outcome) {
          case DeliveryOutcome.Delivered delivered -> {
            deliveryLatency.record(Duration.between(job.acceptedAt(), clock.instant()));
            pauses.delivered(laneOf(job));
            yield "delivered";
          }
          case DeliveryOutcome.Skipped skipped -> "skipped";
          case DeliveryOutcome.Failed failed -> "dead";
          case DeliveryOutcome.RetryLater retry -> {
            if (retry.cause() == RetryCause.PAUSED) {
              pauses.paused(retry.reason(), laneOf(job));
            }
            yield "retry_" + retry.cause().name().toLowerCase(Locale.ROOT);
          }
        };
    count(
        "acdest_deliveries",
        "delivery attempts by destination and outcome",
        "destination",
        pauses.destination().value(),
        "outcome",
        tag);
    return outcome;
  }

  /** Counts every ActiveCampaign request (each is filed as an attempt) by endpoint and status. */
  AttemptLog metered(AttemptLog attempts) {
    return new AttemptLog() {
      @Override
      public void record(Attempt attempt) {
        count(
            "acdest_crm_requests",
            "requests to ActiveCampaign by endpoint and status",
            "endpoint",
            attempt.endpoint(),
            "status",
            attempt.httpStatus().map(String::valueOf).orElse(attempt.errorClass().orElse("none")));
        attempts.record(attempt);
      }

      @Override
      public List<Attempt> attemptsOf(JobId job) {
        return attempts.attemptsOf(job);
      }

      @Override
      public List<Attempt> attemptsOf(MessageKey message) {
        return attempts.attemptsOf(message);
      }
    };
  }

  private static DeliveryLane laneOf(DeliveryJob job) {
    return DeliveryLane.of(CallType.parse(job.call().type()));
  }

  /** Bounded tag values: a call's type is the caller's text. */
  private static String typeTag(String type) {
    return switch (type) {
      case "identify", "track", "page", "screen", "group", "alias" -> type;
      default -> "other";
    };
  }
}
