package io.acdest.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.crm.CrmKind;
import io.acdest.adapters.crm.InvalidSettingException;
import io.acdest.adapters.http.WriteKeys;
import io.acdest.bootstrap.Destinations.Destination;
import io.acdest.bootstrap.Destinations.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One reading of the destinations file ({@link Destinations}), collecting its problems instead of stopping at the
 * first: each names the entry (by its id when it has a valid one, else by its place), the field and the rule.
 */
final class DestinationsParser {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Set<String> FILE_KEYS = Set.of("sources", "destinations");
  private static final Set<String> SOURCE_KEYS = Set.of("id", "writeKey", "holder");
  private static final Set<String> DESTINATION_KEYS =
      Set.of("id", "kind", "sources", "enabled", "settings");

  private final Map<String, String> env;
  private final List<CrmKind> kinds;
  private final List<String> problems = new ArrayList<>();

  DestinationsParser(Map<String, String> env, List<CrmKind> kinds) {
    this.env = env;
    this.kinds = kinds;
  }

  Destinations file(JsonNode root) {
    if (root == null || !root.isObject()) {
      problems.add("the file must hold one JSON object with \"sources\" and \"destinations\"");
      return new Destinations(List.of(), List.of());
    }
    unknownKeys(root, FILE_KEYS, "the file", "");
    List<Source> sources = new ArrayList<>();
    Map<String, String> sourceOfKey = new HashMap<>();
    // every id that is valid names a source, whatever else is wrong with it: a destination that
    // names it
    // is not wrong too
    Set<String> sourceIds = new LinkedHashSet<>();
    int place = 0;
    for (JsonNode entry : entries(root, "sources")) {
      String byIndex = "sources[" + place++ + "]";
      String where = named(entry, byIndex, "sources");
      if (!where.equals(byIndex)) {
        sourceIds.add(entry.get("id").asText());
      }
      Source source = source(entry, byIndex);
      if (source == null) {
        continue;
      }
      if (sources.stream().anyMatch(s -> s.id().equals(source.id()))) {
        problems.add("sources[" + source.id() + "].id is used by another source too");
      }
      String other = sourceOfKey.putIfAbsent(source.writeKey(), source.id());
      if (other != null) {
        problems.add(
            "sources["
                + source.id()
                + "].writeKey is the same key as sources["
                + other
                + "].writeKey: each source has its own");
      }
      sources.add(source);
    }
    List<Destination> destinations = new ArrayList<>();
    int index = 0;
    for (JsonNode entry : entries(root, "destinations")) {
      Destination destination = destination(entry, index++, sourceIds);
      if (destination == null) {
        continue;
      }
      if (destinations.stream().anyMatch(d -> d.id().equals(destination.id()))) {
        problems.add(
            "destinations[" + destination.id() + "].id is used by another destination too");
      }
      destinations.add(destination);
    }
    Destinations read = new Destinations(List.copyOf(sources), List.copyOf(destinations));
    return read;
  }

  private List<JsonNode> entries(JsonNode root, String field) {
    JsonNode array = root.get(field);
    if (array == null || !array.isArray() || array.isEmpty()) {
      problems.add("\"" + field + "\" must be a list of at least one entry");
      return List.of();
    }
    List<JsonNode> entries = new ArrayList<>();
    array.forEach(entries::add);
    return entries;
  }

  private Source source(JsonNode entry, String byIndex) {
    if (!entry.isObject()) {
      problems.add(byIndex + " must be an object with \"id\" and \"writeKey\"");
      return null;
    }
    String where = named(entry, byIndex, "sources");
    unknownKeys(entry, SOURCE_KEYS, where, "");
    String id = id(entry, where);
    FileSettingsReader reader = new FileSettingsReader(entry, where + ".", env);
    try {
      String key =
          reader
              .secret("writeKey")
              .orElseThrow(() -> new InvalidSettingException(where + ".writeKey is required"));
      WriteKeys.Holder holder =
          switch (reader.text("holder").orElse("either").toLowerCase(Locale.ROOT)) {
            case "server" -> WriteKeys.Holder.SERVER;
            case "browser" -> WriteKeys.Holder.BROWSER;
            case "either" -> WriteKeys.Holder.EITHER;
            default ->
                throw new InvalidSettingException(
                    where + ".holder must be server, browser or either");
          };
      return id == null ? null : new Source(id, key, holder);
    } catch (InvalidSettingException invalid) {
      problems.add(invalid.getMessage());
      return null;
    }
  }

  private Destination destination(JsonNode entry, int index, Set<String> sourceIds) {
    String byIndex = "destinations[" + index + "]";
    if (!entry.isObject()) {
      problems.add(byIndex + " must be an object with \"id\", \"kind\" and \"sources\"");
      return null;
    }
    String where = named(entry, byIndex, "destinations");
    unknownKeys(entry, DESTINATION_KEYS, where, "");
    String id = id(entry, where);
    CrmKind kind = kind(entry, where);
    List<String> sources = new ArrayList<>();
    JsonNode feeding = entry.get("sources");
    if (feeding == null || !feeding.isArray() || feeding.isEmpty()) {
      problems.add(where + ".sources must list the ids of the sources that feed it");
    } else {
      for (JsonNode source : feeding) {
        if (!sourceIds.contains(source.asText())) {
          problems.add(
              where
                  + ".sources names '"
                  + source.asText()
                  + "', which is not a source (sources: "
                  + String.join(", ", sourceIds)
                  + ")");
        } else {
          sources.add(source.asText());
        }
      }
    }
    JsonNode enabled = entry.get("enabled");
    if (enabled != null && !enabled.isBoolean()) {
      problems.add(where + ".enabled must be true or false");
    }
    JsonNode settings = entry.get("settings");
    if (settings != null && !settings.isObject()) {
      problems.add(where + ".settings must be an object of the kind's settings");
      return null;
    }
    if (id == null || kind == null) {
      return null;
    }
    JsonNode given = settings == null ? new ObjectMapper().createObjectNode() : settings;
    Set<String> known = new LinkedHashSet<>();
    kind.settings().forEach(setting -> known.add(setting.key()));
    unknownKeys(given, known, where + ".settings", kind.name() + "'s settings: ");
    try {
      return new Destination(
          id,
          kind,
          List.copyOf(sources),
          enabled == null || enabled.asBoolean(true),
          kind.configure(new FileSettingsReader(given, where + ".settings.", env)));
    } catch (InvalidSettingException invalid) {
      problems.add(invalid.getMessage());
      return null;
    }
  }

  /** How an entry is named in complaints: by its id when it has a valid one, else by its place. */
  private static String named(JsonNode entry, String byIndex, String list) {
    JsonNode id = entry.get("id");
    return id != null && id.isTextual() && ID.matcher(id.asText()).matches()
        ? list + "[" + id.asText() + "]"
        : byIndex;
  }

  private String id(JsonNode entry, String where) {
    JsonNode id = entry.get("id");
    if (id == null || !id.isTextual() || !ID.matcher(id.asText()).matches()) {
      problems.add(
          where
              + ".id must be 1 to 63 characters a-z, 0-9, '-' and '_', starting with a letter or digit"
              + (id == null ? "" : ", got " + id));
      return null;
    }
    return id.asText();
  }

  private CrmKind kind(JsonNode entry, String where) {
    JsonNode kind = entry.get("kind");
    Optional<CrmKind> found =
        kinds.stream().filter(k -> kind != null && k.name().equals(kind.asText())).findFirst();
    if (found.isEmpty()) {
      problems.add(
          where
              + ".kind must be one of "
              + String.join(", ", kinds.stream().map(CrmKind::name).toList())
              + (kind == null ? "" : ", got '" + kind.asText() + "'"));
    }
    return found.orElse(null);
  }

  private void unknownKeys(JsonNode object, Set<String> known, String where, String listing) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(
            where
                + "."
                + name
                + " is not a field here ("
                + listing
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }

  /** What was wrong with the file, in the order it was read. */
  List<String> problems() {
    return List.copyOf(problems);
  }
}
