package io.acdest.bootstrap;

import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.in.ErasureUseCase;
import io.acdest.domain.port.in.MessageAdminUseCase;
import io.acdest.domain.port.in.ReplayUseCase;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.MessageSearch;
import io.acdest.domain.port.out.PersonalData;
import io.acdest.domain.port.out.StoredMessage;
import io.acdest.domain.replay.Replay;
import io.acdest.domain.replay.ReplayPlan;
import io.acdest.domain.replay.ReplayRequest;
import io.acdest.domain.report.DeliveryReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The incoming ports as the outside drives them, with what an operator must hear of it in the {@link OperatorLog}: a
 * delivery that ends dead, a retry or an erasure an operator asked for. Composed in {@link Launcher}; the core itself
 * does not log (decision 0008).
 */
final class OperatorLogged {
  private OperatorLogged() {}

  /** Deliveries, with each message gone dead logged. */
  static DeliverCallUseCase deliveries(DeliverCallUseCase delivery, OperatorLog log) {
    return new DeliverCallUseCase() {
      @Override
      public DeliveryOutcome deliver(DeliveryJob job) {
        return logged(job, delivery.deliver(job));
      }

      @Override
      public Map<JobId, DeliveryOutcome> deliverAll(
          List<DeliveryJob> jobs, Duration lease, BooleanSupplier keepGoing) {
        Map<JobId, DeliveryOutcome> outcomes = delivery.deliverAll(jobs, lease, keepGoing);
        jobs.forEach(
            job -> {
              if (outcomes.containsKey(job.id())) {
                logged(job, outcomes.get(job.id()));
              }
            });
        return outcomes;
      }

      private DeliveryOutcome logged(DeliveryJob job, DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Failed failed) {
          log.messageDead(job.message(), job.call().type(), failed.reason());
        }
        return outcome;
      }
    };
  }

  /** The operators' use case, with each retry logged. */
  static MessageAdminUseCase admin(MessageAdminUseCase admin, OperatorLog log) {
    return new MessageAdminUseCase() {
      @Override
      public List<MessageDetails> find(MessageId messageId) {
        return admin.find(messageId);
      }

      @Override
      public List<StoredMessage> list(MessageState state, int limit) {
        return admin.list(state, limit);
      }

      @Override
      public int retry(MessageId messageId) {
        int retried = admin.retry(messageId);
        log.retried("messageId " + messageId.value(), retried);
        return retried;
      }

      @Override
      public boolean retry(MessageKey key) {
        boolean retried = admin.retry(key);
        log.retried(
            "messageId " + key.messageId().value() + " of source " + key.source().value(),
            retried ? 1 : 0);
        return retried;
      }

      @Override
      public MessagePage search(MessageSearch search) {
        return admin.search(search);
      }

      @Override
      public Optional<MessageView> view(MessageKey key) {
        return admin.view(key);
      }

      @Override
      public int retryDead(MessageSearch search) {
        int retried = admin.retryDead(search);
        log.retried("every dead message that matches a search", retried);
        return retried;
      }

      @Override
      public DeliveryOverview overview() {
        return admin.overview();
      }

      @Override
      public List<DeliveryOverview.Pause> pauses() {
        return admin.pauses();
      }

      @Override
      public List<DestinationView> destinations() {
        return admin.destinations();
      }

      @Override
      public Optional<DeliveryReport> report(DestinationId destination, Duration window) {
        return admin.report(destination, window);
      }
    };
  }

  /** Erasures, with each one logged (its id and counts: the log of a person's erasure names no one). */
  static ErasureUseCase erasures(ErasureUseCase erasures, OperatorLog log) {
    return new ErasureUseCase() {
      @Override
      public PersonalData.ErasureRecord erase(ErasureRequest request) {
        PersonalData.ErasureRecord erased = erasures.erase(request);
        log.erased(erased);
        return erased;
      }

      @Override
      public List<PersonalData.ErasureRecord> erasures(int limit) {
        return erasures.erasures(limit);
      }

      @Override
      public boolean liftSuppression(String suppressionId) {
        return erasures.liftSuppression(suppressionId);
      }
    };
  }

  /** Replays whose start, pause, resume and cancel are logged as operator actions. */
  static ReplayUseCase replays(ReplayUseCase replays, OperatorLog log) {
    return new ReplayUseCase() {
      @Override
      public ReplayPlan plan(ReplayRequest request) {
        return replays.plan(request);
      }

      @Override
      public Started start(ReplayRequest request) {
        Started started = replays.start(request);
        log.replay("started", started.replay());
        return started;
      }

      @Override
      public Optional<Replay> find(long id) {
        return replays.find(id);
      }

      @Override
      public List<Replay> list(int limit) {
        return replays.list(limit);
      }

      @Override
      public Optional<Replay> pause(long id) {
        return logged("paused", replays.pause(id));
      }

      @Override
      public Optional<Replay> resume(long id) {
        return logged("resumed", replays.resume(id));
      }

      @Override
      public Optional<Replay> cancel(long id) {
        return logged("cancelled", replays.cancel(id));
      }

      @Override
      public boolean advance() {
        return replays.advance();
      }

      private Optional<Replay> logged(String action, Optional<Replay> replay) {
        replay.ifPresent(r -> log.replay(action, r));
        return replay;
      }
    };
  }
}
