package io.acdest.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.adapters.crm.CrmKind;
import io.acdest.adapters.crm.InvalidSettingException;
import io.acdest.adapters.crm.SettingsReader;
import io.acdest.adapters.http.WriteKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The destinations file ({@code DESTINATIONS_FILE}, JSON; docs/operations.md "Destinations file"): the sources that
 * may send calls, each with its write key, and the destinations they feed, each a CRM kind with its settings. Read
 * once at start; every problem of the file is reported together, each naming the entry, the field and the rule, and
 * none shows a secret.
 */
record Destinations(List<Source> sources, List<Destination> destinations) {

  /** A source: its id (what its calls are stored under) and its write key, with what kind of source holds it. */
  record Source(String id, String writeKey, WriteKeys.Holder holder) {
    @Override
    public String toString() {
      return "Source[" + id + ", writeKey=***, " + holder + "]";
    }
  }

  /** A destination: its id, its CRM kind and settings (read), the sources that feed it, and whether it is on. */
  record Destination(
      String id,
      CrmKind kind,
      List<String> sources,
      boolean enabled,
      CrmKind.Configured configured) {}

  /**
   * The file {@code DESTINATIONS_FILE} names, read; empty when it names none. With a file, {@code WRITE_KEYS} and
   * {@code CRM} are refused: the file says who sends and where calls go.
   */
  static Optional<Destinations> named(
      SettingsReader variables, Map<String, String> env, List<CrmKind> kinds) {
    Optional<Destinations> read =
        variables.text("DESTINATIONS_FILE").map(file -> read(Path.of(file), env, kinds));
    for (String replaced : List.of("WRITE_KEYS", "CRM")) {
      if (read.isPresent() && variables.text(replaced).isPresent()) {
        throw new InvalidSettingException(
            replaced
                + " is not read when DESTINATIONS_FILE is set: the file's sources and destinations say it;"
                + " unset "
                + replaced);
      }
    }
    return read;
  }

  /** The destinations that deliver. */
  List<Destination> enabled() {
    return destinations.stream().filter(Destination::enabled).toList();
  }

  /**
   * Reads the file; references to secrets are resolved from {@code env} or from the files they name.
   *
   * @throws ConfigurationException listing every problem of the file
   */
  static Destinations read(Path file, Map<String, String> env, List<CrmKind> kinds) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException notJson) {
      throw new ConfigurationException(
          "DESTINATIONS_FILE "
              + file
              + " is not JSON: line "
              + notJson.getLocation().getLineNr()
              + ", column "
              + notJson.getLocation().getColumnNr());
    } catch (IOException | RuntimeException unreadable) {
      throw new ConfigurationException("DESTINATIONS_FILE " + file + " cannot be read");
    }
    DestinationsParser parse = new DestinationsParser(env, kinds);
    Destinations read = parse.file(root);
    List<String> problems = new ArrayList<>(parse.problems());
    if (problems.isEmpty()) {
      problems.addAll(read.whatThisVersionCannotDeliver());
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "DESTINATIONS_FILE "
              + file
              + " has "
              + (problems.size() == 1 ? "a problem" : problems.size() + " problems")
              + ":\n  - "
              + String.join("\n  - ", problems));
    }
    return read;
  }

  /**
   * What the service cannot start with: no enabled destination (calls would be stored and never go anywhere; disable
   * a destination's sources instead, or remove the file).
   */
  List<String> whatThisVersionCannotDeliver() {
    List<String> problems = new ArrayList<>();
    if (!destinations.isEmpty() && enabled().isEmpty()) {
      problems.add(
          "at least one destination must be enabled: none is, and every call would be stored undelivered");
    }
    return problems;
  }
}
