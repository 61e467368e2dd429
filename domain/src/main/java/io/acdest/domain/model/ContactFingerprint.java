package io.acdest.domain.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fingerprint of what a contact sync sends (basic fields and custom-field values), so that an identify that
 * would send the same again can be recognised without keeping the values themselves.
 */
public final class ContactFingerprint {
  private ContactFingerprint() {}

  /** SHA-256 (hex) over the contact's fields in a canonical order; equal contacts have equal fingerprints. */
  public static String of(Contact contact) {
    Map<String, String> canonical = new TreeMap<>();
    canonical.put("email", contact.email().value());
    contact.name().first().ifPresent(v -> canonical.put("firstName", v));
    contact.name().last().ifPresent(v -> canonical.put("lastName", v));
    contact.phone().ifPresent(v -> canonical.put("phone", v));
    contact.externalId().ifPresent(v -> canonical.put("externalId", v));
    contact
        .customFields()
        .values()
        .forEach((key, value) -> canonical.put("field:" + key.normalised(), canonical(value)));
    StringBuilder text = new StringBuilder();
    // Length-prefixed, so no choice of values can make two different contacts read the same.
    canonical.forEach(
        (k, v) ->
            text.append(k.length()).append(':').append(k).append(v.length()).append(':').append(v));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * A value as one text: a single value as itself (as fingerprints were made before values were neutral), a list
   * marked as one and its texts separated by a unit separator, which no trait holds.
   */
  private static String canonical(CustomFieldValue value) {
    return value.isList() ? "list:" + String.join("\u001f", value.values()) : value.single();
  }
}
