package io.acdest.adapters.mailchimp;

import io.acdest.domain.model.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Mailchimp names an audience member by the MD5 hash of the lower-case email ("subscriber hash"), in every member
 * path: {@code /lists/{list_id}/members/{subscriber_hash}}.
 */
final class SubscriberHash {
  private SubscriberHash() {}

  /** The subscriber hash of an email, e.g. {@code Jane.Kim@Example.com} and {@code jane.kim@example.com} alike. */
  static String of(EmailAddress email) {
    return of(email.value());
  }

  static String of(String email) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of()
          .formatHex(
              md5.digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException("this JVM has no MD5", missing);
    }
  }
}
