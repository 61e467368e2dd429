package io.acdest.application;

import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.DestinationProfile;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.in.MessageAdminUseCase;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.DeliveryPauses;
import io.acdest.domain.port.out.DeliveryQueue;
import io.acdest.domain.port.out.DestinationActivity;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.MessageSearch;
import io.acdest.domain.port.out.OperationsReadModel;
import io.acdest.domain.port.out.StoredMessage;
import io.acdest.domain.report.DeliveryReport;
import io.acdest.domain.report.FailureGroups;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operators' use case: messages with their attempts, lists by state, search, one message as received and as
 * mapped, replay of dead messages, and where delivery stands.
 */
public final class MessageAdminService implements MessageAdminUseCase {
  /** The most messages one list returns. */
  public static final int MAX_LIST = 500;

  /** A report's window is cut into this many buckets of time (a minute at least). */
  static final int BUCKETS = 60;

  private final MessageLog log;
  private final DeliveryQueue queue;
  private final AttemptLog attempts;
  private final OperationsReadModel reads;
  private final DeliveryPauses pauses;
  private final Clock clock;
  private final List<DestinationProfile> destinations;

  public MessageAdminService(
      MessageLog log,
      DeliveryQueue queue,
      AttemptLog attempts,
      OperationsReadModel reads,
      DeliveryPauses pauses,
      Clock clock) {
    this(log, queue, attempts, reads, pauses, clock, List.of());
  }

  /** @param destinations the destinations the service delivers to, as operators are told of them */
  public MessageAdminService(
      MessageLog log,
      DeliveryQueue queue,
      AttemptLog attempts,
      OperationsReadModel reads,
      DeliveryPauses pauses,
      Clock clock,
      List<DestinationProfile> destinations) {
    this.destinations = List.copyOf(destinations);
    this.log = log;
    this.queue = queue;
    this.attempts = attempts;
    this.reads = reads;
    this.pauses = pauses;
    this.clock = clock;
  }

  @Override
  public Optional<DeliveryReport> report(DestinationId destination, Duration window) {
    if (destinations.stream().noneMatch(profile -> profile.id().equals(destination))) {
      return Optional.empty();
    }
    Instant to = clock.instant();
    Instant from = to.minus(window);
    Duration bucket = Duration.ofSeconds(Math.max(60, window.toSeconds() / BUCKETS));
    DestinationActivity activity = reads.activity(destination, from, to, bucket);
    DeliveryReport.Funnel counted = activity.funnel();
    DeliveryReport.Funnel funnel =
        new DeliveryReport.Funnel(
            counted.received(),
            counted.rejected(),
            counted.filtered(),
            counted.routed(),
            FailureGroups.skipped(activity.skipped()),
            counted.delivered(),
            counted.dead(),
            counted.pending(),
            counted.ended());
    return Optional.of(
        new DeliveryReport(
            destination,
            from,
            to,
            funnel,
            bucket,
            activity.buckets(),
            activity.p95AcceptToDelivered(),
            FailureGroups.of(activity.failed(), activity.samples())));
  }

  @Override
  public List<DestinationView> destinations() {
    var counts = reads.destinationCounts(clock.instant().minus(Duration.ofHours(1)));
    return destinations.stream()
        .map(
            profile -> {
              OperationsReadModel.DestinationCounts of =
                  counts.getOrDefault(
                      profile.id(), new OperationsReadModel.DestinationCounts(0, 0, 0));
              return new DestinationView(
                  profile, pauses.of(profile.id()), of.pending(), of.delivered(), of.dead());
            })
        .toList();
  }

  @Override
  public List<MessageDetails> find(MessageId messageId) {
    return log.findAll(messageId).stream()
        .map(
            message ->
                new MessageDetails(
                    message, attempts.attemptsOf(message.key()), reads.deliveries(message.key())))
        .toList();
  }

  @Override
  public List<StoredMessage> list(MessageState state, int limit) {
    return log.list(state, Math.max(1, Math.min(limit, MAX_LIST)));
  }

  @Override
  public int retry(MessageId messageId) {
    int replayed = 0;
    for (StoredMessage message : log.findAll(messageId)) {
      if (retryable(message) && queue.replay(message.key())) {
        replayed++;
      }
    }
    return replayed;
  }

  @Override
  public boolean retry(MessageKey key) {
    return log.find(key)
        .filter(MessageAdminService::retryable)
        .map(message -> queue.replay(key))
        .orElse(false);
  }

  /** Dead, or skipped while waiting for the person's email: an operator may put it back in the queue. */
  static boolean retryable(StoredMessage message) {
    return message.state() == MessageState.DEAD
        || (message.state() == MessageState.SKIPPED
            && message.reason().filter(DeliveryOutcome.Skipped::waitsForEmail).isPresent());
  }

  @Override
  public MessagePage search(MessageSearch search) {
    return new MessagePage(reads.search(search), reads.count(search));
  }

  @Override
  public Optional<MessageView> view(MessageKey key) {
    return log.find(key)
        .flatMap(
            message ->
                reads
                    .call(key)
                    .map(
                        call ->
                            new MessageView(
                                message,
                                MappingSummary.withoutSecrets(call.event().asMap()),
                                MappingSummary.of(call),
                                attempts.attemptsOf(key),
                                reads.deliveries(key))));
  }

  @Override
  public int retryDead(MessageSearch search) {
    int replayed = 0;
    for (MessageKey key : reads.deadMatching(search.deadOnly(), MAX_RETRY)) {
      if (queue.replay(key)) {
        replayed++;
      }
    }
    return replayed;
  }

  @Override
  public List<DeliveryOverview.Pause> pauses() {
    List<DeliveryOverview.Pause> inForce = new ArrayList<>(pauses.active());
    inForce.addAll(reads.budgetPauses(clock.instant()));
    return inForce;
  }

  @Override
  public DeliveryOverview overview() {
    Instant now = clock.instant();
    OperationsReadModel.QueueState waiting = reads.queue();
    List<DeliveryOverview.Pause> inForce = pauses();
    return new DeliveryOverview(
        now,
        reads.countsByTypeAndState(now.minus(Duration.ofHours(1))),
        reads.countsByTypeAndState(now.minus(Duration.ofDays(1))),
        reads.perMinute(now.minus(Duration.ofHours(1))),
        reads.p95AcceptToDelivered(now.minus(Duration.ofHours(1))),
        waiting.depth(),
        waiting.oldestDue(),
        inForce);
  }
}
