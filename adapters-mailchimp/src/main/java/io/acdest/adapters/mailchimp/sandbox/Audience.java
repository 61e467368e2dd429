package io.acdest.adapters.mailchimp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One audience of the sandbox: its merge fields, members by subscriber hash, and emails permanently deleted from it. */
final class Audience {
  final String id;
  final Map<String, ObjectNode> mergeFields = new LinkedHashMap<>();
  final Set<String> requiredTags = new LinkedHashSet<>();
  final Map<String, Member> members = new LinkedHashMap<>();
  final Set<String> forgotten = new LinkedHashSet<>();
  int nextMergeId = 1;

  Audience(String id) {
    this.id = id;
  }

  /** The audience as it holds itself, to be put back by {@link #restore}. */
  ObjectNode snapshot(ObjectMapper json) {
    ObjectNode snapshot = json.createObjectNode().put("nextMergeId", nextMergeId);
    snapshot.set("mergeFields", json.valueToTree(mergeFields));
    snapshot.set("requiredTags", json.valueToTree(requiredTags));
    snapshot.set("forgotten", json.valueToTree(forgotten));
    ObjectNode byHash = snapshot.putObject("members");
    members.forEach((hash, member) -> byHash.set(hash, member.snapshot(json)));
    return snapshot;
  }

  static Audience restore(String id, JsonNode snapshot) {
    Audience audience = new Audience(id);
    audience.nextMergeId = snapshot.path("nextMergeId").asInt(1);
    snapshot
        .path("mergeFields")
        .fields()
        .forEachRemaining(
            field -> audience.mergeFields.put(field.getKey(), (ObjectNode) field.getValue()));
    snapshot.path("requiredTags").forEach(tag -> audience.requiredTags.add(tag.asText()));
    snapshot.path("forgotten").forEach(email -> audience.forgotten.add(email.asText()));
    snapshot
        .path("members")
        .fields()
        .forEachRemaining(
            member -> audience.members.put(member.getKey(), Member.restore(member.getValue())));
    return audience;
  }

  /** The audience as the sandbox's state shows it: members with fields, active tags and events; merge fields. */
  ObjectNode shown(ObjectMapper json) {
    ObjectNode shown = json.createObjectNode();
    ArrayNode shownMembers = shown.putArray("members");
    members
        .values()
        .forEach(
            member -> {
              ObjectNode node =
                  shownMembers
                      .addObject()
                      .put("email_address", member.email)
                      .put("status", member.status);
              ObjectNode merge = node.putObject("merge_fields");
              member.mergeFields.forEach(merge::put);
              ArrayNode tags = node.putArray("tags");
              member.tags.forEach(
                  (name, active) -> {
                    if (active) {
                      tags.add(name);
                    }
                  });
              ArrayNode events = node.putArray("events");
              member.events.forEach(events::add);
            });
    ArrayNode fields = shown.putArray("merge_fields");
    mergeFields.values().forEach(fields::add);
    return shown;
  }
}
