package io.acdest.domain.call;

import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.InvalidField;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who a person is to the service: their userIds, anonymousIds and emails. A call names them in {@code userId},
 * {@code anonymousId} and the emails of {@code traits}, {@code properties} and {@code context.traits}
 * (docs/behaviour.md §3); the contact directory links the three. Their one-way hashes (SHA-256 of {@code user:…},
 * {@code anon:…},
 * {@code email:…}) are what a suppression keeps instead of the identifiers.
 */
public record PersonIdentifiers(
    Set<String> userIds, Set<String> anonymousIds, Set<EmailAddress> emails) {

  public PersonIdentifiers {
    userIds = Set.copyOf(userIds);
    anonymousIds = Set.copyOf(anonymousIds);
    emails = Set.copyOf(emails);
  }

  /** The identifiers an erasure names: at least one of them. */
  public static PersonIdentifiers requested(
      Optional<String> userId, Optional<String> anonymousId, Optional<String> email) {
    Optional<String> user = userId.map(String::strip).filter(v -> !v.isEmpty());
    Optional<String> anonymous = anonymousId.map(String::strip).filter(v -> !v.isEmpty());
    Optional<EmailAddress> address =
        email
            .map(String::strip)
            .filter(v -> !v.isEmpty())
            .map(raw -> EmailAddress.parse(raw, "email"));
    if (user.isEmpty() && anonymous.isEmpty() && address.isEmpty()) {
      throw new InvalidField("userId", "or anonymousId or email is required: whom to erase");
    }
    return new PersonIdentifiers(
        user.map(Set::of).orElse(Set.of()),
        anonymous.map(Set::of).orElse(Set.of()),
        address.map(Set::of).orElse(Set.of()));
  }

  /** The identifiers a call carries (an email that is not a valid address is left out). */
  public static PersonIdentifiers of(CallFields event) {
    Map<String, Object> values = event.asMap();
    Set<String> users = new LinkedHashSet<>();
    Set<String> anonymous = new LinkedHashSet<>();
    text(values.get("userId")).ifPresent(users::add);
    text(values.get("anonymousId")).ifPresent(anonymous::add);
    Set<EmailAddress> emails = new LinkedHashSet<>();
    email(values.get("traits")).ifPresent(emails::add);
    email(values.get("properties")).ifPresent(emails::add);
    if (values.get("context") instanceof Map<?, ?> context) {
      email(context.get("traits")).ifPresent(emails::add);
    }
    return new PersonIdentifiers(users, anonymous, emails);
  }

  public boolean isEmpty() {
    return userIds.isEmpty() && anonymousIds.isEmpty() && emails.isEmpty();
  }

  /** These identifiers and those. */
  public PersonIdentifiers plus(PersonIdentifiers other) {
    Set<String> users = new LinkedHashSet<>(userIds);
    users.addAll(other.userIds);
    Set<String> anonymous = new LinkedHashSet<>(anonymousIds);
    anonymous.addAll(other.anonymousIds);
    Set<EmailAddress> addresses = new LinkedHashSet<>(emails);
    addresses.addAll(other.emails);
    return new PersonIdentifiers(users, anonymous, addresses);
  }

  /** The one-way hashes of every identifier. */
  public Set<String> hashes() {
    Set<String> hashes = new LinkedHashSet<>();
    userIds.forEach(id -> hashes.add(hash("user:" + id)));
    anonymousIds.forEach(id -> hashes.add(hash("anon:" + id)));
    emails.forEach(email -> hashes.add(hash("email:" + email.value())));
    return hashes;
  }

  private static String hash(String identifier) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(identifier.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException("this JVM has no SHA-256", missing);
    }
  }

  private static Optional<String> text(Object value) {
    if (value instanceof String text && !text.isBlank()) {
      return Optional.of(text.strip());
    }
    if (value instanceof Number number) {
      return Optional.of(number.toString());
    }
    return Optional.empty();
  }

  private static Optional<EmailAddress> email(Object holder) {
    if (holder instanceof Map<?, ?> map && map.get("email") instanceof String raw) {
      try {
        return Optional.of(new EmailAddress(raw));
      } catch (InvalidField notAnAddress) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
