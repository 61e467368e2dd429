package io.acdest.application;

import io.acdest.domain.call.AliasCall;
import io.acdest.domain.call.CallEnvelope;
import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.CallMapping;
import io.acdest.domain.call.IdentifyCall;
import io.acdest.domain.call.IgnoredCall;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.call.MappedCall;
import io.acdest.domain.call.PersonIdentifiers;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.call.Rejection;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.delivery.Route;
import io.acdest.domain.delivery.Routes;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.model.ListIdFormat;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.port.in.AcceptResult;
import io.acdest.domain.port.in.IngestReport;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.out.MessageLog;
import io.acdest.domain.port.out.MessageLog.RecordOutcome;
import io.acdest.domain.port.out.NewMessage;
import io.acdest.domain.port.out.Suppressions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Accepting calls, shared by every use case: validate and map each call, decide its first state (accepted,
 * filtered, ignored or rejected), record the request's calls together (the log queues the accepted ones), and
 * say what became of each.
 */
public final class CallIntake {
  /** The rejection code of a call the store could not hold as given. */
  public static final String UNSTORABLE = "unstorable";

  private final MessageLog messageLog;
  private final ContactDirectory directory;
  private final Routes routes;
  private final Suppressions suppressions;
  private final WaitingCalls waiting;

  /**
   * Intake for the one destination the environment variables define, fed by every source.
   *
   * @param listIds the form the CRM gives its list ids: an identify naming another is rejected at once
   */
  public CallIntake(
      MessageLog messageLog,
      ContactDirectory directory,
      IntegrationsFilter filter,
      ListIdFormat listIds,
      Suppressions suppressions,
      WaitingCalls waiting) {
    this(
        messageLog,
        directory,
        new Routes(List.of(Route.everySourceTo(DestinationId.DEFAULT, filter, listIds))),
        suppressions,
        waiting);
  }

  /**
   * @param routes where calls go: each accepted call is delivered to every destination it is routed to
   * @param suppressions people erased who asked not to be tracked again: their calls are kept out
   * @param waiting calls waiting for their person's email, which an alias can bring back
   */
  public CallIntake(
      MessageLog messageLog,
      ContactDirectory directory,
      Routes routes,
      Suppressions suppressions,
      WaitingCalls waiting) {
    this.routes = routes;
    this.waiting = waiting;
    this.messageLog = messageLog;
    this.directory = directory;
    this.suppressions = suppressions;
  }

  /** The reason of a call of a suppressed person. */
  public static final String SUPPRESSED = Suppressions.KEPT_OUT;

  /** Accepts the calls of one request. In strict mode, one rejected call means nothing is recorded. */
  public IngestReport accept(List<ReceivedCall> calls, boolean strict) {
    List<Prepared> prepared = suppress(calls, calls.stream().map(this::prepare).toList());
    if (strict && prepared.stream().anyMatch(p -> p.message().state() == MessageState.REJECTED)) {
      return new IngestReport(prepared.stream().map(Prepared::result).toList(), false);
    }
    List<RecordOutcome> outcomes =
        messageLog.record(prepared.stream().map(Prepared::message).toList());
    List<AcceptResult> results = new ArrayList<>(prepared.size());
    for (int i = 0; i < prepared.size(); i++) {
      Prepared call = prepared.get(i);
      // a call the rules rejected may hold the very value the store refuses (a number beyond a
      // double): its own
      // rejection, which names the field, is what the client hears
      if (outcomes.get(i) == RecordOutcome.DUPLICATE) {
        results.add(new AcceptResult.Duplicate(call.message().key().messageId()));
        continue;
      }
      if (outcomes.get(i) instanceof RecordOutcome.Refused refused
          && call.message().state() != MessageState.REJECTED) {
        results.add(
            new AcceptResult.Rejected(
                call.message().key().messageId(),
                new Rejection(UNSTORABLE, "event", refused.reason())));
        continue;
      }
      if (call.mapped() instanceof AliasCall alias) {
        directory.alias(alias.previousId(), alias.userId());
        waiting.aliased(alias);
      }
      results.add(call.result());
    }
    return new IngestReport(results, true);
  }

  /**
   * A call naming a suppressed person (by the hash of any of its identifiers, one look-up for the whole request) is
   * stored {@code filtered} with nothing of it but its type and messageId, and never delivered.
   */
  private List<Prepared> suppress(List<ReceivedCall> calls, List<Prepared> prepared) {
    List<Set<String>> hashes =
        calls.stream().map(call -> PersonIdentifiers.of(call.event()).hashes()).toList();
    Set<String> all = new HashSet<>();
    hashes.forEach(all::addAll);
    Set<String> suppressed = all.isEmpty() ? Set.of() : suppressions.suppressedAmong(all);
    if (suppressed.isEmpty()) {
      return prepared;
    }
    List<Prepared> kept = new ArrayList<>(prepared.size());
    for (int i = 0; i < prepared.size(); i++) {
      Prepared call = prepared.get(i);
      if (hashes.get(i).stream().noneMatch(suppressed::contains)) {
        kept.add(call);
        continue;
      }
      ReceivedCall received = calls.get(i);
      MessageKey key = call.message().key();
      Map<String, Object> nothingPersonal = new LinkedHashMap<>();
      nothingPersonal.put("type", received.type());
      nothingPersonal.put("messageId", key.messageId().value());
      ReceivedCall stripped =
          new ReceivedCall(
              received.source(),
              received.type(),
              CallFields.root(nothingPersonal),
              received.receivedAt());
      kept.add(
          new Prepared(
              new NewMessage(
                  key,
                  stripped,
                  received.receivedAt(),
                  MessageState.FILTERED,
                  Optional.of(SUPPRESSED),
                  List.of(),
                  List.of(),
                  Optional.empty()),
              new AcceptResult.Filtered(key.messageId()),
              null));
    }
    return kept;
  }

  /** A call made ready to record: its message, what to report for it, and its mapping when it has one. */
  private record Prepared(NewMessage message, AcceptResult result, MappedCall mapped) {}

  private Prepared prepare(ReceivedCall call) {
    MessageId id;
    try {
      id = CallEnvelope.messageId(call.event()).orElseGet(MessageId::assign);
    } catch (InvalidField badId) {
      return rejected(call, MessageId.assign(), badId);
    }
    MappedCall mapped;
    try {
      mapped = CallMapping.map(call);
    } catch (InvalidField broken) {
      return rejected(call, id, broken);
    }
    MessageKey key = new MessageKey(call.source(), id);
    CallEnvelope envelope = mapped.envelope();
    List<Route> fed = routes.from(call.source());
    if (fed.isEmpty()) {
      String reason = "source " + call.source().value() + " feeds no enabled destination";
      return new Prepared(
          message(key, call, mapped, MessageState.FILTERED, Optional.of(reason), List.of()),
          new AcceptResult.Filtered(id),
          mapped);
    }
    List<Route> routed = fed.stream().filter(route -> route.lets(envelope.integrations())).toList();
    if (routed.isEmpty()) {
      String reason =
          "integrations keep this call from "
              + String.join(", ", fed.stream().map(route -> route.filter().destination()).toList());
      return new Prepared(
          message(key, call, mapped, MessageState.FILTERED, Optional.of(reason), List.of()),
          new AcceptResult.Filtered(id),
          mapped);
    }
    try {
      for (Route route : routed) {
        checkListIds(mapped, route.listIds());
      }
    } catch (InvalidField broken) {
      return rejected(call, id, broken);
    }
    List<DestinationId> destinations = routed.stream().map(Route::destination).toList();
    String ignoredReason =
        switch (mapped) {
          case IgnoredCall ignored -> ignored.reason();
          case AliasCall alias -> alias.reason();
          default -> null;
        };
    if (ignoredReason != null) {
      return new Prepared(
          message(key, call, mapped, MessageState.IGNORED, Optional.of(ignoredReason), List.of()),
          new AcceptResult.Ignored(id, ignoredReason),
          mapped);
    }
    return new Prepared(
        message(key, call, mapped, MessageState.ACCEPTED, Optional.empty(), destinations),
        new AcceptResult.Accepted(id, mapped.warnings()),
        mapped);
  }

  /** The CRM's own rule for list ids ({@link ListIdFormat}), on an identify's lists. */
  private static void checkListIds(MappedCall mapped, ListIdFormat listIds) {
    if (mapped instanceof IdentifyCall identify) {
      for (ListSubscription subscription : identify.lists()) {
        listIds
            .problem(subscription.list())
            .ifPresent(
                rule -> {
                  throw new InvalidField(
                      "traits.lists", "id '" + subscription.list() + "' " + rule);
                });
      }
    }
  }

  private static NewMessage message(
      MessageKey key,
      ReceivedCall call,
      MappedCall mapped,
      MessageState state,
      Optional<String> reason,
      List<DestinationId> destinations) {
    return new NewMessage(
        key,
        call,
        mapped.envelope().timestamp(),
        state,
        reason,
        mapped.warnings(),
        mapped.unmapped(),
        state == MessageState.ACCEPTED
            ? Optional.of(mapped.envelope().orderingKey())
            : Optional.empty(),
        destinations);
  }

  private static Prepared rejected(ReceivedCall call, MessageId id, InvalidField error) {
    Rejection rejection = Rejection.of(error);
    NewMessage message =
        new NewMessage(
            new MessageKey(call.source(), id),
            call,
            CallEnvelope.timestampOfRejected(call),
            MessageState.REJECTED,
            Optional.of(rejection.code() + ": " + rejection.message()),
            List.of(),
            List.of(),
            Optional.empty());
    return new Prepared(message, new AcceptResult.Rejected(id, rejection), null);
  }
}
