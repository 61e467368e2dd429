package io.acdest.domain.call;

/** The entry point of the mapping: a received call to what it means, by type. */
public final class CallMapping {
  private CallMapping() {}

  /**
   * Maps a received call; an {@link io.acdest.domain.model.InvalidField} names the first broken rule, and the
   * call is then rejected. Rules that hold for every call come first: its numbers ({@link NumberRange}) and
   * times ({@link Timestamps}) are ones that can be exchanged and stored.
   */
  public static MappedCall map(ReceivedCall call) {
    NumberRange.check(call.event());
    CallEnvelope envelope = CallEnvelope.read(call);
    CallFields event = call.event();
    return switch (envelope.type()) {
      case IDENTIFY -> IdentifyCall.from(envelope, event, call.limits());
      case TRACK -> TrackCall.from(envelope, event);
      case PAGE -> PageCall.from(envelope, event);
      case ALIAS -> AliasCall.from(envelope, event);
      case SCREEN, GROUP -> IgnoredCall.of(envelope);
    };
  }
}
