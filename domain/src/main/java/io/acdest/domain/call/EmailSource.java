package io.acdest.domain.call;

import io.acdest.domain.model.EmailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A place the email of a call's contact may come from, tried in order at delivery time. */
public sealed interface EmailSource {

  /** An email the call itself carries, in the named field. */
  record Given(EmailAddress email, String field) implements EmailSource {}

  /** The email the contact directory knows for this user id (learned from earlier identifies). */
  record KnownUser(String userId) implements EmailSource {}

  /** The email the contact directory knows for this anonymous id. */
  record KnownAnonymous(String anonymousId) implements EmailSource {}

  /**
   * The email-resolution order of docs/behaviour.md §3 for track and page: {@code properties.email}, then
   * {@code context.traits.email}, then the directory by {@code userId}, then by {@code anonymousId}. The
   * directory is asked when the call is delivered, after the same user's earlier calls.
   */
  static List<EmailSource> forActivity(CallFields properties, CallEnvelope envelope) {
    List<EmailSource> sources = new ArrayList<>();
    given(properties, "email").ifPresent(sources::add);
    given(envelope.contextTraits(), "email").ifPresent(sources::add);
    sources.addAll(directory(envelope.identity()));
    return List.copyOf(sources);
  }

  /** The directory look-ups for a user, by {@code userId} first, then {@code anonymousId}. */
  static List<EmailSource> directory(UserIdentity identity) {
    List<EmailSource> sources = new ArrayList<>();
    identity.userId().map(KnownUser::new).ifPresent(sources::add);
    identity.anonymousId().map(KnownAnonymous::new).ifPresent(sources::add);
    return sources;
  }

  private static Optional<EmailSource> given(CallFields fields, String key) {
    return fields
        .string(key)
        .filter(text -> !text.isBlank())
        .map(text -> new Given(EmailAddress.parse(text, fields.pathOf(key)), fields.pathOf(key)));
  }
}
