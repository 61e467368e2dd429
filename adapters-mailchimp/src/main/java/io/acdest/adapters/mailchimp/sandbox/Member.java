package io.acdest.adapters.mailchimp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One member of a sandbox audience. */
final class Member {
  String email;
  String status;
  final Map<String, String> mergeFields = new LinkedHashMap<>();

  /** Tag name → active; names compare ignoring case, as Mailchimp's do. */
  final Map<String, Boolean> tags = new LinkedHashMap<>();

  final List<ObjectNode> events = new ArrayList<>();
  Instant lastChanged = Instant.now();

  /** The member as it holds itself, to be put back by {@link #restore}. */
  ObjectNode snapshot(ObjectMapper json) {
    ObjectNode snapshot =
        json.createObjectNode()
            .put("email", email)
            .put("status", status)
            .put("lastChanged", lastChanged.toString());
    snapshot.set("mergeFields", json.valueToTree(mergeFields));
    snapshot.set("tags", json.valueToTree(tags));
    snapshot.set("events", json.valueToTree(events));
    return snapshot;
  }

  static Member restore(JsonNode snapshot) {
    Member member = new Member();
    member.email = snapshot.path("email").asText();
    member.status = snapshot.path("status").asText();
    member.lastChanged =
        Instant.parse(snapshot.path("lastChanged").asText(Instant.now().toString()));
    snapshot
        .path("mergeFields")
        .fields()
        .forEachRemaining(
            field -> member.mergeFields.put(field.getKey(), field.getValue().asText()));
    snapshot
        .path("tags")
        .fields()
        .forEachRemaining(tag -> member.tags.put(tag.getKey(), tag.getValue().asBoolean()));
    snapshot.path("events").forEach(event -> member.events.add((ObjectNode) event));
    return member;
  }
}
