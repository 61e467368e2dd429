package io.acdest.domain.call;

import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.EventName;
import io.acdest.domain.model.EventValue;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.model.TrackedEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A track, mapped: the event name, its value, its single-valued properties, and where the contact's email comes from
 * (docs/behaviour.md §3).
 */
public record TrackCall(
    CallEnvelope envelope,
    EventName event,
    Optional<EventValue> value,
    Map<String, String> properties,
    List<EmailSource> emailSources,
    List<String> warnings)
    implements MappedCall {

  public TrackCall {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    emailSources = List.copyOf(emailSources);
    warnings = List.copyOf(warnings);
  }

  /**
   * The track rules of docs/behaviour.md §3: {@code event} is required (a missing or blank name rejects the call;
   * the CRM adapter applies its own length limit); the value is {@code properties.acValue}, or {@code
   * properties.properties.acValue}
   * as the documentation's own example nests it.
   */
  public static TrackCall from(CallEnvelope envelope, CallFields event) {
    String name =
        event
            .string("event")
            .filter(text -> !text.isBlank())
            .orElseThrow(
                () ->
                    new InvalidField(
                        InvalidField.Code.MISSING_EVENT, "event", "is required for track calls"));

    CallFields properties = event.object("properties");
    Object acValue =
        properties.has("acValue")
            ? properties.raw("acValue")
            : properties
                .objectIfPresent("properties")
                .map(nested -> nested.raw("acValue"))
                .orElse(null);
    Optional<EventValue> value = Optional.ofNullable(acValue).map(EventValue::new);

    return new TrackCall(
        envelope,
        new EventName(name),
        value,
        TrackedEvent.scalarProperties(properties.asMap()),
        EmailSource.forActivity(properties, envelope),
        List.of());
  }

  /** The event to record for the contact with this email. */
  public TrackedEvent toEvent(EmailAddress email) {
    return new TrackedEvent(email, event, value, envelope.timestamp(), properties);
  }
}
