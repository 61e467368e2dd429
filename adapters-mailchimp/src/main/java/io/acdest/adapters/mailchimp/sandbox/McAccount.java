package io.acdest.adapters.mailchimp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What the sandbox account holds: its audiences, its own id, and how many changes it has had. Every reader and
 * writer holds the account's lock ({@code synchronized (account)}).
 */
final class McAccount {
  final ObjectMapper json = new ObjectMapper();
  final Map<String, Audience> audiences = new LinkedHashMap<>();

  /** The account's own id, kept with its state: what a service learns of this account belongs to it. */
  String key = "sandbox-" + UUID.randomUUID();

  /** How many changes the account has had (a snapshot is worth keeping when it moved). */
  long changes;

  /** The audience with this id, made empty when the account has none yet. */
  Audience audience(String id) {
    return audiences.computeIfAbsent(id, Audience::new);
  }

  /** A merge field of an audience, as Mailchimp's audience settings add one. */
  static void addMergeField(
      Audience audience, String tag, String name, String type, boolean required) {
    int id = audience.nextMergeId++;
    ObjectNode field =
        new ObjectMapper()
            .createObjectNode()
            .put("merge_id", id)
            .put("tag", tag)
            .put("name", name)
            .put("type", type)
            .put("required", required)
            .put("list_id", audience.id);
    audience.mergeFields.put(tag, field);
    if (required) {
      audience.requiredTags.add(tag);
    }
  }

  /** The first required merge field these values leave empty, or null. */
  static String missingRequired(Audience audience, JsonNode mergeFields) {
    for (String tag : audience.requiredTags) {
      if (mergeFields.path(tag).asText("").isBlank()) {
        return tag;
      }
    }
    return null;
  }

  /**
   * Merge fields the audience has are set (empty text empties one); tags it does not have are ignored.
   */
  static void mergeInto(Audience audience, Member member, JsonNode mergeFields) {
    mergeFields
        .fields()
        .forEachRemaining(
            field -> {
              if (audience.mergeFields.containsKey(field.getKey())) {
                member.mergeFields.put(field.getKey(), field.getValue().asText(""));
              }
            });
  }

  /** A member as the Marketing API shows one. */
  ObjectNode memberJson(Audience audience, Member member) {
    String hash = hash(member.email);
    ObjectNode node =
        json.createObjectNode()
            .put("id", hash)
            .put("email_address", member.email)
            .put("unique_email_id", hash.substring(0, 10))
            .put("status", member.status)
            .put("list_id", audience.id)
            .put("last_changed", member.lastChanged.toString());
    ObjectNode merge = node.putObject("merge_fields");
    audience
        .mergeFields
        .keySet()
        .forEach(tag -> merge.put(tag, member.mergeFields.getOrDefault(tag, "")));
    ArrayNode tags = node.putArray("tags");
    member.tags.forEach(
        (name, active) -> {
          if (active) {
            tags.addObject().put("id", tagId(name)).put("name", name);
          }
        });
    node.put("tags_count", tags.size());
    return node;
  }

  /** A tag's id: stable for its name, never negative. */
  static int tagId(String name) {
    return Math.floorMod(name.hashCode(), Integer.MAX_VALUE);
  }

  /** The subscriber hash of an email: MD5 of its lower-case form. */
  static String hash(String email) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5")
                  .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException missing) {
      throw new IllegalStateException(missing);
    }
  }
}
