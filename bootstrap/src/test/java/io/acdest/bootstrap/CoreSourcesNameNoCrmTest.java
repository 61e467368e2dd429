package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's text (comments, messages, names) speaks of no CRM: what ArchUnit sees in the bytecode (names), this test
 * reads in the sources, every line of {@code domain/src/main} and {@code application/src/main}, and of the CRM support every CRM
 * adapter shares ({@code adapters-crm-support/src/main}).
 */
class CoreSourcesNameNoCrmTest {
  private static final List<Path> CORE =
      List.of(
          Path.of("..", "domain", "src", "main"),
          Path.of("..", "application", "src", "main"),
          Path.of("..", "adapters-crm-support", "src", "main"));

  /** Each line of the text that holds a vendor word, as {@code where:line: word}. */
  static List<String> linesNamingACrm(String where, String text) {
    List<String> found = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int line = i + 1;
      ArchitectureRules.vendorWordIn(lines[i])
          .ifPresent(word -> found.add(where + ":" + line + ": " + word));
    }
    return found;
  }

  @Test
  void noLineOfTheCoreOrTheCrmSupportNamesACrm() throws IOException {
    List<String> found = new ArrayList<>();
    int files = 0;
    for (Path root : CORE) {
      assertThat(root).as("run from a module directory next to %s", root).isDirectory();
      try (Stream<Path> sources = Files.walk(root)) {
        for (Path source : sources.filter(Files::isRegularFile).toList()) {
          files++;
          found.addAll(linesNamingACrm(source.toString(), read(source)));
        }
      }
    }
    assertThat(files).as("core source files read").isGreaterThan(50);
    assertThat(found).as("lines of the core that name a CRM").isEmpty();
  }

  @Test
  void aCommentNamingACrmIsFound() {
    String source =
        """
        /** Fewest identifies worth a bulk import (ActiveCampaign suggests 10). */
        int MIN = 10;
        String message = "no custom field with this personalization tag";
        """;
    assertThat(linesNamingACrm("Example.java", source))
        .containsExactly("Example.java:1: activecampaign", "Example.java:3: personalization");
  }

  private static String read(Path source) {
    try {
      return Files.readString(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
