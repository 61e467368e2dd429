package io.acdest.domain.call;

import java.util.List;

/** A received call after its mapping rules ran: what it asks of the CRM, or why it asks nothing. */
public sealed interface MappedCall
    permits IdentifyCall, TrackCall, PageCall, IgnoredCall, AliasCall {
  CallEnvelope envelope();

  /** Things the mapping changed or dropped that the caller should know (a truncated event name, …). */
  List<String> warnings();

  /** Traits that update nothing in the CRM (reserved, or with a value no custom field can hold). */
  default List<String> unmapped() {
    return List.of();
  }

  /** True when the call is delivered to the CRM; false when it is only stored. */
  default boolean isDeliverable() {
    return true;
  }
}
