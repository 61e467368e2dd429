package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The architecture rules hold for the production code of every module. */
class ArchitectureTest {
  /** Production classes only: no test classes, and not the application's test-jar of fakes. */
  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages("io.acdest");

  static Stream<ArchRule> rules() {
    return Arrays.stream(ArchitectureRules.ALL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void holds(ArchRule rule) {
    rule.check(PRODUCTION);
  }

  @Test
  void everyModuleWasImported() {
    for (String pkg :
        new String[] {
          "io.acdest.domain",
          "io.acdest.application",
          "io.acdest.adapters.http",
          "io.acdest.adapters.activecampaign",
          "io.acdest.adapters.mailchimp",
          "io.acdest.adapters.persistence",
          "io.acdest.bootstrap"
        }) {
      assertThat(PRODUCTION.containPackage(pkg)).as(pkg).isTrue();
    }
    assertThat(PRODUCTION.stream().noneMatch(c -> c.getPackageName().contains("archfixture")))
        .isTrue();
  }
}
