package io.acdest.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The documentation names code that exists, and links to pages that exist. */
class DocsMatchCodeTest {
  private static final Path DOCS = Path.of("").toAbsolutePath();
  private static final Path ROOT = DOCS.getParent();
  private static final List<String> PACKAGES =
      List.of(
          "io.acdest.domain.model",
          "io.acdest.domain.call",
          "io.acdest.domain.message",
          "io.acdest.domain.delivery",
          "io.acdest.domain.port.in",
          "io.acdest.domain.port.out",
          "io.acdest.domain.port.shared",
          "io.acdest.application",
          "io.acdest.adapters.http",
          "io.acdest.adapters.activecampaign",
          "io.acdest.adapters.mailchimp",
          "io.acdest.adapters.persistence",
          "io.acdest.bootstrap");
  private static final Pattern CODE =
      Pattern.compile("`([A-Z][A-Za-z0-9]*(?:\\.[A-Za-z][A-Za-z0-9]*)*)`");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#:]+)\\)");

  @Test
  void everyClassTheMappingReferenceNamesExists() throws IOException {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (String line : Files.readAllLines(DOCS.resolve("mapping.md"))) {
      if (!line.startsWith("|") || line.startsWith("| ---")) {
        continue;
      }
      String[] cells = line.split("(?<!\\\\)\\|");
      String implementedIn = cells[cells.length - 1];
      Matcher names = CODE.matcher(implementedIn);
      while (names.find()) {
        checked++;
        if (!resolves(names.group(1))) {
          missing.add(names.group(1));
        }
      }
    }
    assertThat(checked).as("names checked in mapping.md").isGreaterThan(40);
    assertThat(missing).as("names in docs/mapping.md that the code does not have").isEmpty();
  }

  /**
   * The code cites the behaviour it implements by section, and the section is in the repository: every {@code §N}
   * in production code reads {@code docs/behaviour.md §N}, and that page has the section.
   */
  @Test
  void everySectionTheCodeCitesIsInTheBehaviourPage() throws IOException {
    String behaviour = Files.readString(DOCS.resolve("behaviour.md"));
    List<String> problems = new ArrayList<>();
    int cited = 0;
    Pattern section = Pattern.compile("(docs/behaviour\\.md )?§(\\d+)");
    try (var sources = Files.walk(ROOT)) {
      for (Path source :
          sources
              .filter(
                  f ->
                      f.toString().endsWith(".java")
                          && f.toString().contains("/src/main/")
                          && !f.toString().contains("/node_modules/"))
              .toList()) {
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = section.matcher(lines.get(i));
          while (m.find()) {
            cited++;
            String where = ROOT.relativize(source) + ":" + (i + 1);
            if (m.group(1) == null) {
              problems.add(where + " cites §" + m.group(2) + " without naming docs/behaviour.md");
            } else if (!behaviour.contains("\n## §" + m.group(2) + " ")) {
              problems.add(
                  where + " cites §" + m.group(2) + ", which docs/behaviour.md does not have");
            }
          }
        }
      }
    }
    assertThat(cited).as("sections cited in src/main").isGreaterThan(20);
    assertThat(problems).isEmpty();
  }

  @Test
  void theArchitecturePortTableNamesExistingPorts() throws IOException {
    List<String> missing = new ArrayList<>();
    boolean inPorts = false;
    for (String line : Files.readAllLines(DOCS.resolve("architecture.md"))) {
      inPorts = line.startsWith("## ") ? line.equals("## Ports") : inPorts;
      if (inPorts && line.startsWith("| `")) {
        Matcher names = CODE.matcher(line.split("\\|")[1]);
        while (names.find()) {
          if (!resolves(names.group(1)) && !names.group(1).equals("java.time.Clock")) {
            missing.add(names.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theModulesTheDocsDescribeAreTheBuildsModules() throws IOException {
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    List<String> modules = new ArrayList<>();
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    while (m.find()) {
      modules.add(m.group(1));
    }
    assertThat(modules)
        .containsExactly(
            "domain",
            "application",
            "adapters-http-in",
            "adapters-crm-support",
            "adapters-activecampaign",
            "adapters-mailchimp",
            "adapters-persistence",
            "bootstrap",
            "docs",
            "benchmarks");
    String architecture = Files.readString(DOCS.resolve("architecture.md"));
    for (String module : modules) {
      assertThat(architecture).contains("| `" + module + "` |");
      assertThat(ROOT.resolve(module).resolve("pom.xml")).exists();
    }
  }

  @Test
  void everyRelativeLinkInTheDocsLeadsToAFile() throws IOException {
    List<String> broken = new ArrayList<>();
    try (Stream<Path> pages =
        Stream.concat(
            Files.walk(DOCS).filter(p -> p.toString().endsWith(".md")),
            Stream.of(ROOT.resolve("README.md")))) {
      for (Path page : pages.toList()) {
        Matcher links = LINK.matcher(Files.readString(page));
        while (links.find()) {
          if (!Files.exists(page.getParent().resolve(links.group(1)))) {
            broken.add(ROOT.relativize(page) + " -> " + links.group(1));
          }
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void theOperationsGuideShowsTheHistoryQueryTheCodeRuns() throws IOException {
    String operations = Files.readString(DOCS.resolve("operations.md"));
    // the query the persistence adapter's MessageHistory runs, from its jar
    try (var query =
        DocsMatchCodeTest.class.getResourceAsStream("/db/queries/message-history.sql")) {
      assertThat(query).as("the history query on the class path").isNotNull();
      assertThat(operations)
          .contains(
              new String(query.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip());
    }
  }

  @Test
  void theConfigurationReferenceListsEveryVariableTheServiceReads() throws IOException {
    String operations = Files.readString(DOCS.resolve("operations.md"));
    for (io.acdest.bootstrap.Variable variable : io.acdest.bootstrap.Variable.ALL) {
      assertThat(operations).contains("`" + variable.name() + "`");
    }
  }

  @Test
  void theReadmeShowsTheTestCommandThatCiRuns() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    assertThat(readme).contains("mvn -B verify");
    assertThat(ci).contains("mvn -B verify");
  }

  /** {@code Class}, {@code Class.member} or {@code Outer.Inner.member}, looked up in the project's packages. */
  private static boolean resolves(String name) {
    String[] parts = name.split("\\.");
    Optional<Class<?>> type =
        PACKAGES.stream()
            .map(pkg -> load(pkg + "." + parts[0]))
            .flatMap(Optional::stream)
            .findFirst();
    if (type.isEmpty()) {
      return false;
    }
    Class<?> current = type.get();
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      Optional<Class<?>> nested =
          Arrays.stream(current.getDeclaredClasses())
              .filter(c -> c.getSimpleName().equals(part))
              .findFirst();
      if (nested.isPresent()) {
        current = nested.get();
        continue;
      }
      return i == parts.length - 1 && hasMember(current, part);
    }
    return true;
  }

  private static boolean hasMember(Class<?> type, String name) {
    boolean method =
        Arrays.stream(type.getMethods()).map(Method::getName).anyMatch(name::equals)
            || Arrays.stream(type.getDeclaredMethods()).map(Method::getName).anyMatch(name::equals);
    boolean field =
        Arrays.stream(type.getDeclaredFields()).map(Field::getName).anyMatch(name::equals);
    boolean component =
        type.isRecord()
            && Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .anyMatch(name::equals);
    return method || field || component;
  }

  private static Optional<Class<?>> load(String className) {
    try {
      return Optional.of(Class.forName(className));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }
}
