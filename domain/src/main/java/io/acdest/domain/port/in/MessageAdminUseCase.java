package io.acdest.domain.port.in;

import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.DestinationDelivery;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.DestinationProfile;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.MessageSearch;
import io.acdest.domain.port.out.MessageSummary;
import io.acdest.domain.port.out.StoredMessage;
import io.acdest.domain.report.DeliveryReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Incoming port for operators: look up messages with their attempts, list them by state, search them, see one
 * with the call as received and how it mapped, retry dead ones, and see where delivery stands.
 */
public interface MessageAdminUseCase {

  /** Every message with this messageId (one per source that sent it), with the requests made for each. */
  List<MessageDetails> find(MessageId messageId);

  /** Up to {@code limit} messages in this state, the most recently updated first. */
  List<StoredMessage> list(MessageState state, int limit);

  /**
   * Puts the messages with this messageId that can be retried back in the queue (dead ones, and those skipped while
   * waiting for their person's email); how many were.
   */
  int retry(MessageId messageId);

  /** The same for the one message with this key: whether it was put back. */
  boolean retry(MessageKey key);

  /** One page of the messages that match, the newest first, and how many match in all. */
  MessagePage search(MessageSearch search);

  /**
   * One message: as stored, the call as received with anything secret taken out, how it maps (fields, tags,
   * event, url, warnings), and every request made to deliver it.
   */
  Optional<MessageView> view(MessageKey key);

  /** Puts every dead message that matches the search back in the queue (at most {@link #MAX_RETRY}); how many. */
  int retryDead(MessageSearch search);

  /** The most dead messages one {@link #retryDead} puts back. */
  int MAX_RETRY = 10_000;

  /** Where delivery stands now. */
  DeliveryOverview overview();

  /** The pauses in force now, each with its cause and what to do (docs/behaviour.md §8). */
  List<DeliveryOverview.Pause> pauses();

  /**
   * One destination's deliveries over the last {@code window} (docs/behaviour.md §8); empty when the service does not
   * deliver to it.
   */
  Optional<DeliveryReport> report(DestinationId destination, Duration window);

  /** Every destination: what it is, whether it delivers or is paused, and its deliveries of the last hour. */
  List<DestinationView> destinations();

  /** A destination as operators see it. */
  record DestinationView(
      DestinationProfile profile,
      Optional<DeliveryOverview.Pause> paused,
      long pending,
      long deliveredLastHour,
      long deadLastHour) {}

  /** A page of search results. */
  record MessagePage(List<MessageSummary> messages, long total) {
    public MessagePage {
      messages = List.copyOf(messages);
    }
  }

  /** One message as the console shows it. */
  record MessageView(
      StoredMessage message,
      Map<String, Object> call,
      Map<String, Object> mapping,
      List<Attempt> attempts,
      List<DestinationDelivery> deliveries) {
    public MessageView {
      attempts = List.copyOf(attempts);
      deliveries = List.copyOf(deliveries);
    }
  }

  /** A message and the requests made to deliver it. */
  record MessageDetails(
      StoredMessage message, List<Attempt> attempts, List<DestinationDelivery> deliveries) {
    public MessageDetails {
      attempts = List.copyOf(attempts);
      deliveries = List.copyOf(deliveries);
    }
  }
}
