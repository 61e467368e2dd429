package io.acdest.adapters.http;

import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.CallLimits;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.message.SourceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracking API's request body (Segment JSON): a {@code batch} of events with the batch-level {@code context},
 * {@code integrations} and {@code sentAt} that apply to each, or a single event posted to its type's endpoint.
 */
record BatchPayload(
    List<Map<String, Object>> events,
    Map<String, Object> context,
    Map<String, Object> integrations,
    Object sentAt) {

  /** Most events one request may carry. */
  public static final int MAX_EVENTS = 2500;

  public BatchPayload {
    events = List.copyOf(events);
  }

  /** A {@code /v1/batch} or {@code /v1/import} body: {@code batch} must be an array of event objects. */
  public static BatchPayload fromBatchBody(Map<String, Object> body) {
    if (!(body.get("batch") instanceof List<?> batch)) {
      throw new PayloadRejected("invalid_batch", "batch must be an array of events");
    }
    if (batch.size() > MAX_EVENTS) {
      throw new PayloadRejected(
          "too_many_events",
          "batch has " + batch.size() + " events; at most " + MAX_EVENTS + " are allowed");
    }
    List<Map<String, Object>> events = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      if (!(batch.get(i) instanceof Map<?, ?> event)) {
        throw new PayloadRejected("invalid_batch", "batch[" + i + "] must be an object");
      }
      events.add(stringKeys(event));
    }
    return new BatchPayload(
        events,
        objectOrEmpty(body.get("context")),
        objectOrEmpty(body.get("integrations")),
        body.get("sentAt"));
  }

  /** A body posted to a single-event endpoint ({@code /v1/identify}, …): the endpoint decides the type. */
  public static BatchPayload fromSingleEvent(String type, Map<String, Object> body) {
    Map<String, Object> event = new LinkedHashMap<>(body);
    event.put("type", type);
    return new BatchPayload(List.of(event), Map.of(), Map.of(), null);
  }

  /**
   * The calls of this payload, as docs/behaviour.md §2 says: the batch's {@code context} and {@code integrations} are
   * merged into each event (the event's own keys win) and its {@code sentAt} applies to events without one. An event
   * whose
   * {@code context} or {@code integrations} is not an object keeps it as sent, for the domain to reject. A
   * {@code writeKey} an event carries (browsers and {@code analytics-python} send it in the body) is taken out: a key
   * is never stored.
   */
  public List<ReceivedCall> toCalls(SourceId source, Instant receivedAt) {
    return toCalls(source, receivedAt, CallLimits.NONE);
  }

  /** The same, each call limited as its source is ({@link CallLimits}). */
  public List<ReceivedCall> toCalls(SourceId source, Instant receivedAt, CallLimits limits) {
    List<ReceivedCall> calls = new ArrayList<>(events.size());
    for (Map<String, Object> original : events) {
      Map<String, Object> event = new LinkedHashMap<>(original);
      event.remove("writeKey");
      merge(event, "context", context);
      merge(event, "integrations", integrations);
      if (sentAt != null) {
        event.putIfAbsent("sentAt", sentAt);
      }
      String type = event.get("type") instanceof String text ? text : "";
      calls.add(new ReceivedCall(source, type, CallFields.root(event), receivedAt, limits));
    }
    return calls;
  }

  private static void merge(Map<String, Object> event, String key, Map<String, Object> batchLevel) {
    if (batchLevel.isEmpty()) {
      return;
    }
    Object own = event.get(key);
    if (own == null) {
      event.put(key, batchLevel);
    } else if (own instanceof Map<?, ?> ownMap) {
      Map<String, Object> merged = new LinkedHashMap<>(batchLevel);
      merged.putAll(stringKeys(ownMap));
      event.put(key, merged);
    }
  }

  private static Map<String, Object> objectOrEmpty(Object value) {
    return value instanceof Map<?, ?> map ? stringKeys(map) : Map.of();
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return copy;
  }
}
