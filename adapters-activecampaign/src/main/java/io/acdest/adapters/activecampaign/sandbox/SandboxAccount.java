package io.acdest.adapters.activecampaign.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a sandbox account holds: contacts (string ids, unique by email), tags (unique ignoring case), the tags on
 * each contact, custom fields and lists (seeded from {@code sandbox/catalogue.json}), list statuses, site-tracking
 * domains, recorded visits and events. One monitor guards it all: every resource works on it under
 * {@code synchronized (account)}.
 */
final class SandboxAccount {
  final ObjectMapper json = new ObjectMapper();
  final Map<String, ObjectNode> contacts = new LinkedHashMap<>();
  final Map<String, ObjectNode> tags = new LinkedHashMap<>();
  final Map<String, ObjectNode> contactTags = new LinkedHashMap<>();
  final Map<String, ObjectNode> fields = new LinkedHashMap<>();
  final Map<String, String> lists = new LinkedHashMap<>();
  final Map<String, Map<String, String>> listStatuses = new LinkedHashMap<>();
  final Set<String> domains = new LinkedHashSet<>();
  final List<ObjectNode> visits = new ArrayList<>();
  final List<ObjectNode> events = new ArrayList<>();
  boolean siteTrackingEnabled;
  boolean eventTrackingEnabled;
  private long nextId = 1;

  /** The account's own id, kept with its state: what a service learns of this account belongs to it. */
  private String key = "sandbox-" + java.util.UUID.randomUUID();

  /** How many changes the account has had (a snapshot is worth keeping when it moved). */
  private long changes;

  SandboxAccount(SandboxSettings settings) {
    this.siteTrackingEnabled = settings.siteTrackingEnabled();
    this.eventTrackingEnabled = settings.eventTrackingEnabled();
    try (InputStream in =
        SandboxAccount.class.getClassLoader().getResourceAsStream("sandbox/catalogue.json")) {
      JsonNode catalogue = json.readTree(in);
      catalogue
          .path("fields")
          .forEach(field -> fields.put(field.path("id").asText(), (ObjectNode) field));
      catalogue
          .path("lists")
          .forEach(list -> lists.put(list.path("id").asText(), list.path("name").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException("the sandbox catalogue could not be read", e);
    }
  }

  /** The next id; ActiveCampaign's ids are numbers sent as strings. */
  String newId() {
    return Long.toString(nextId++);
  }

  ObjectNode contactByEmail(String email) {
    return contacts.values().stream()
        .filter(c -> c.path("email").asText().equals(email))
        .findFirst()
        .orElse(null);
  }

  ObjectNode newContact(String email) {
    String id = newId();
    ObjectNode contact =
        json.createObjectNode()
            .put("id", id)
            .put("email", email)
            .put("firstName", "")
            .put("lastName", "")
            .put("phone", "");
    contact.putObject("fieldValues");
    contacts.put(id, contact);
    return contact;
  }

  /** The tag with this name, ignoring case (ActiveCampaign's tags are unique that way). */
  Optional<ObjectNode> tagNamed(String name) {
    return tags.values().stream()
        .filter(t -> t.path("tag").asText().equalsIgnoreCase(name.strip()))
        .findFirst();
  }

  ObjectNode newTag(String name, String type) {
    String id = newId();
    ObjectNode tag =
        json.createObjectNode().put("id", id).put("tag", name.strip()).put("tagType", type);
    tags.put(id, tag);
    return tag;
  }

  boolean hasTag(String contact, String tag) {
    return contactTags.values().stream()
        .anyMatch(
            ct ->
                ct.path("contact").asText().equals(contact) && ct.path("tag").asText().equals(tag));
  }

  ObjectNode attach(String contact, String tag) {
    String id = newId();
    ObjectNode contactTag =
        json.createObjectNode().put("id", id).put("contact", contact).put("tag", tag);
    contactTags.put(id, contactTag);
    return contactTag;
  }

  /** Deletes a contact with its tags and list statuses; false when there is none with this id. */
  boolean deleteContact(String id) {
    ObjectNode removed = contacts.remove(id);
    if (removed == null) {
      return false;
    }
    contactTags.values().removeIf(ct -> ct.path("contact").asText().equals(id));
    listStatuses.remove(id);
    // the contact's tracked events and site visits go with it, as ActiveCampaign deletes a
    // contact's activity
    String email = removed.path("email").asText();
    events.removeIf(event -> event.path("email").asText().equalsIgnoreCase(email));
    visits.removeIf(visit -> visit.path("email").asText().equalsIgnoreCase(email));
    return true;
  }

  /** Deletes a tag and takes it off every contact; false when there is none with this id. */
  boolean deleteTag(String id) {
    if (tags.remove(id) == null) {
      return false;
    }
    contactTags.values().removeIf(ct -> ct.path("tag").asText().equals(id));
    return true;
  }

  /** Deletes a custom field with its values on every contact; false when there is none with this id. */
  boolean deleteField(String id) {
    if (fields.remove(id) == null) {
      return false;
    }
    contacts.values().forEach(contact -> ((ObjectNode) contact.path("fieldValues")).remove(id));
    return true;
  }

  /** The public view of a stored contact (its basic fields). */
  ObjectNode contactView(ObjectNode stored) {
    ObjectNode view = json.createObjectNode();
    for (String key : List.of("id", "email", "firstName", "lastName", "phone")) {
      view.put(key, stored.path(key).asText());
    }
    return view;
  }

  /** Everything the account holds, with each contact's fields (by personalization tag), tags and list statuses. */
  ObjectNode view() {
    ObjectNode state = json.createObjectNode();
    ArrayNode contactList = state.putArray("contacts");
    for (ObjectNode stored : contacts.values()) {
      ObjectNode contact = contactView(stored);
      ObjectNode values = contact.putObject("fields");
      stored
          .path("fieldValues")
          .fields()
          .forEachRemaining(e -> values.put(perstagOf(e.getKey()), e.getValue().asText()));
      ArrayNode tagNames = contact.putArray("tags");
      contactTags.values().stream()
          .filter(ct -> ct.path("contact").asText().equals(stored.path("id").asText()))
          .map(
              ct ->
                  Optional.ofNullable(tags.get(ct.path("tag").asText()))
                      .map(t -> t.path("tag").asText())
                      .orElse("?"))
          .forEach(tagNames::add);
      ObjectNode statuses = contact.putObject("lists");
      listStatuses.getOrDefault(stored.path("id").asText(), Map.of()).forEach(statuses::put);
      contactList.add(contact);
    }
    ArrayNode tagList = state.putArray("tags");
    tags.values().forEach(tagList::add);
    ArrayNode fieldList = state.putArray("fields");
    fields.values().forEach(fieldList::add);
    ObjectNode tracking = state.putObject("tracking");
    tracking
        .put("siteTrackingEnabled", siteTrackingEnabled)
        .put("eventTrackingEnabled", eventTrackingEnabled);
    ArrayNode domainList = tracking.putArray("domains");
    domains.forEach(domainList::add);
    ArrayNode visitList = tracking.putArray("visits");
    visits.forEach(visitList::add);
    ArrayNode eventList = tracking.putArray("events");
    events.forEach(eventList::add);
    return state;
  }

  private String perstagOf(String fieldId) {
    return Optional.ofNullable(fields.get(fieldId))
        .map(f -> f.path("perstag").asText())
        .orElse(fieldId);
  }

  String key() {
    return key;
  }

  /** Counts a change to the account. */
  void changed() {
    changes++;
  }

  long changes() {
    return changes;
  }

  /** Everything the account holds, as it holds it, to be put back by {@link #restore}. */
  ObjectNode snapshot() {
    ObjectNode snapshot =
        json.createObjectNode()
            .put("key", key)
            .put("nextId", nextId)
            .put("siteTrackingEnabled", siteTrackingEnabled)
            .put("eventTrackingEnabled", eventTrackingEnabled);
    snapshot.set("contacts", json.valueToTree(contacts));
    snapshot.set("tags", json.valueToTree(tags));
    snapshot.set("contactTags", json.valueToTree(contactTags));
    snapshot.set("fields", json.valueToTree(fields));
    snapshot.set("lists", json.valueToTree(lists));
    snapshot.set("listStatuses", json.valueToTree(listStatuses));
    snapshot.set("domains", json.valueToTree(domains));
    snapshot.set("visits", json.valueToTree(visits));
    snapshot.set("events", json.valueToTree(events));
    return snapshot;
  }

  /** Puts back everything a {@link #snapshot} held, replacing what the account holds. */
  void restore(JsonNode snapshot) {
    key = snapshot.path("key").asText(key);
    nextId = snapshot.path("nextId").asLong(nextId);
    siteTrackingEnabled = snapshot.path("siteTrackingEnabled").asBoolean(siteTrackingEnabled);
    eventTrackingEnabled = snapshot.path("eventTrackingEnabled").asBoolean(eventTrackingEnabled);
    for (var objects :
        List.of(
            Map.entry("contacts", contacts),
            Map.entry("tags", tags),
            Map.entry("contactTags", contactTags),
            Map.entry("fields", fields))) {
      objects.getValue().clear();
      snapshot
          .path(objects.getKey())
          .fields()
          .forEachRemaining(
              entry -> objects.getValue().put(entry.getKey(), (ObjectNode) entry.getValue()));
    }
    lists.clear();
    snapshot
        .path("lists")
        .fields()
        .forEachRemaining(entry -> lists.put(entry.getKey(), entry.getValue().asText()));
    listStatuses.clear();
    snapshot
        .path("listStatuses")
        .fields()
        .forEachRemaining(
            contact ->
                contact
                    .getValue()
                    .fields()
                    .forEachRemaining(
                        status ->
                            statusesOf(contact.getKey())
                                .put(status.getKey(), status.getValue().asText())));
    domains.clear();
    snapshot.path("domains").forEach(domain -> domains.add(domain.asText()));
    visits.clear();
    snapshot.path("visits").forEach(visit -> visits.add((ObjectNode) visit));
    events.clear();
    snapshot.path("events").forEach(event -> events.add((ObjectNode) event));
  }

  /** The list statuses of one contact, created empty when it has none. */
  Map<String, String> statusesOf(String contact) {
    return listStatuses.computeIfAbsent(contact, c -> new TreeMap<>());
  }
}
