package io.acdest.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The architecture, as rules: what each layer may see, and the conventions every class keeps. */
final class ArchitectureRules {
  private ArchitectureRules() {}

  /** JDK packages that are I/O or logging frameworks of their own: not for the core. */
  private static final String[] JDK_INFRASTRUCTURE = {
    "java.sql..", "javax..", "java.util.logging..", "java.net.http.."
  };

  static final ArchRule DOMAIN_DEPENDS_ONLY_ON_THE_JDK =
      classes()
          .that()
          .resideInAPackage("io.acdest.domain..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.acdest.domain..", "java..")
          .as("the domain depends on nothing but the JDK");

  static final ArchRule APPLICATION_DEPENDS_ONLY_ON_THE_DOMAIN =
      classes()
          .that()
          .resideInAPackage("io.acdest.application..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.acdest.application..", "io.acdest.domain..", "java..")
          .as(
              "the application depends on the domain only (no Vert.x, Jackson, JDBC, Guice or logging)");

  static final ArchRule CORE_USES_NO_JDK_INFRASTRUCTURE =
      noClasses()
          .that()
          .resideInAnyPackage("io.acdest.domain..", "io.acdest.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(JDK_INFRASTRUCTURE)
          .as("domain and application use no JDBC, JUL logging or HTTP client of the JDK");

  static final ArchRule ADAPTERS_USE_PORTS_NOT_SERVICES =
      noClasses()
          .that()
          .resideInAPackage("io.acdest.adapters..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.acdest.application..")
          .as("adapters depend on ports, never on application services");

  /**
   * Adapters do not depend on each other; the one package they share is the CRM support ({@code
   * io.acdest.adapters.crm}), which every CRM adapter uses and which itself uses no adapter.
   */
  static final ArchRule ADAPTERS_DO_NOT_SEE_EACH_OTHER =
      slices()
          .matching("io.acdest.adapters.(*)..")
          .should()
          .notDependOnEachOther()
          .ignoreDependency(
              JavaClass.Predicates.resideInAPackage("io.acdest.adapters.."),
              JavaClass.Predicates.resideInAPackage("io.acdest.adapters.crm"))
          .as("adapters do not depend on each other, only on the CRM support, which uses none");

  static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("io.acdest.(**)").should().beFreeOfCycles().as("no package cycles");

  static final ArchRule NO_FIELD_INJECTION =
      noFields()
          .should()
          .beAnnotatedWith("jakarta.inject.Inject")
          .orShould()
          .beAnnotatedWith("com.google.inject.Inject")
          .orShould()
          .beAnnotatedWith("javax.inject.Inject")
          .as("no field injection: dependencies come through constructors");

  static final ArchRule NO_STANDARD_STREAMS =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("io.acdest.bootstrap.Console")
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .as("no System.out / System.err outside bootstrap's Console: everything else logs");

  static final ArchRule VENDOR_NAME_ONLY_IN_ITS_ADAPTER =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.acdest.adapters.activecampaign..")
          .should()
          .haveSimpleNameContaining("ActiveCampaign")
          .as("the vendor's name appears only in the ActiveCampaign adapter");

  static final ArchRule SECOND_VENDOR_NAME_ONLY_IN_ITS_ADAPTER =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.acdest.adapters.mailchimp..")
          .should()
          .haveSimpleNameContaining("Mailchimp")
          .as("the vendor's name appears only in the Mailchimp adapter");

  /**
   * Words that belong to one CRM or another: its name, or its name for a thing the core has a neutral word for (a
   * field's key, a list). The core (domain, application) uses none of them, so that any CRM fits its ports.
   */
  static final List<String> VENDOR_WORDS =
      List.of(
          "activecampaign",
          "mailchimp",
          "perstag",
          "personalization",
          "mergefield",
          "merge_field",
          "merge field",
          "trackcmp",
          "audience");

  /** The first vendor word in {@code text}, ignoring case. */
  static Optional<String> vendorWordIn(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return VENDOR_WORDS.stream().filter(lower::contains).findFirst();
  }

  static final ArchRule CORE_NAMES_NO_VENDOR =
      classes()
          .that()
          .resideInAnyPackage("io.acdest.domain..", "io.acdest.application..")
          .should(
              new ArchCondition<JavaClass>(
                  "name no CRM: no vendor word in a class, field or method name") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                  List<String> names = new java.util.ArrayList<>(List.of(type.getSimpleName()));
                  type.getMembers().stream().map(JavaMember::getName).forEach(names::add);
                  for (String name : names) {
                    vendorWordIn(name)
                        .ifPresent(
                            word ->
                                events.add(
                                    SimpleConditionEvent.violated(
                                        type,
                                        type.getName()
                                            + " names '"
                                            + name
                                            + "', a word of one CRM ("
                                            + word
                                            + ")")));
                  }
                }
              })
          .as("domain and application name no CRM");

  static final ArchRule USE_CASES_ARE_INTERFACES =
      classes()
          .that()
          .resideInAPackage("io.acdest.domain.port..")
          .and()
          .haveSimpleNameEndingWith("UseCase")
          .should()
          .beInterfaces()
          .as("incoming ports are interfaces");

  static final ArchRule NO_IMPL_SUFFIX =
      noClasses()
          .should()
          .haveSimpleNameEndingWith("Impl")
          .as("implementations are named for what they are, not *Impl");

  /**
   * Every incoming port has a driver: some production class other than its implementations calls it (an adapter, or
   * the delivery loop). A port nothing calls is a design that the code does not follow.
   */
  static final ArchRule INCOMING_PORTS_HAVE_DRIVERS =
      classes()
          .that()
          .resideInAPackage("io.acdest.domain.port.in..")
          .and()
          .areInterfaces()
          .and()
          .haveSimpleNameEndingWith("UseCase")
          .should(
              new ArchCondition<JavaClass>("be called by a class that does not implement it") {
                @Override
                public void check(JavaClass port, ConditionEvents events) {
                  // a call, or a method reference (health::check)
                  boolean driven =
                      java.util.stream.Stream.concat(
                              port.getMethodCallsToSelf().stream(),
                              port.getMethodReferencesToSelf().stream())
                          .anyMatch(
                              access -> !access.getOriginOwner().isAssignableTo(port.getName()));
                  if (!driven) {
                    events.add(
                        SimpleConditionEvent.violated(
                            port, port.getName() + " is called by nothing in src/main"));
                  }
                }
              })
          .as("every incoming port is called by an adapter or the delivery loop");

  /** The shared ports (request budgets) are for adapters: the core neither calls nor sees them. */
  static final ArchRule CORE_DOES_NOT_USE_SHARED_PORTS =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.acdest.application..",
              "io.acdest.domain.model..",
              "io.acdest.domain.call..",
              "io.acdest.domain.delivery..",
              "io.acdest.domain.message..",
              "io.acdest.domain.port.in..",
              "io.acdest.domain.port.out..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.acdest.domain.port.shared..")
          .as("the core does not use the ports adapters share (the request budgets)");

  /**
   * Persistence classes the benchmarks module builds a store with directly (it depends on every module, so its
   * classes are not on this test's class path to be seen using them).
   */
  static final java.util.Set<String> USED_BY_BENCHMARKS =
      java.util.Set.of(
          "DatabaseMigrations",
          "JdbcContactDirectory",
          "JdbcDeliveryQueue",
          "JdbcMessageLog",
          "JdbcPersonalData",
          "JdbcSuppressions",
          "PersistenceJson");

  /**
   * Adapter classes are package-private by default: a public top-level class of an adapter is one another package
   * uses (bootstrap wires the adapter's module, settings and entry points), or a type of the public API of such a
   * class (a parameter or result of its public methods), never public for no one.
   */
  static final ArchRule ADAPTER_CLASSES_PUBLIC_ONLY_WHEN_USED_OUTSIDE =
      classes()
          .that()
          .resideInAPackage("io.acdest.adapters..")
          .and()
          .areTopLevelClasses()
          .and()
          .arePublic()
          .should(
              new ArchCondition<JavaClass>("be used from outside its package") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                  boolean usedOutside =
                      type.getDirectDependenciesToSelf().stream()
                          .anyMatch(
                              dependency ->
                                  !dependency
                                      .getOriginClass()
                                      .getPackageName()
                                      .equals(type.getPackageName()));
                  // a type in the public methods of a public class is part of that class's API
                  // (a sandbox's fault, passed to its inject method by tests elsewhere)
                  boolean inAPublicApi =
                      java.util.stream.Stream.concat(
                              type.getMethodsWithParameterTypeOfSelf().stream(),
                              type.getMethodsWithReturnTypeOfSelf().stream())
                          .anyMatch(
                              method ->
                                  method.getModifiers().contains(JavaModifier.PUBLIC)
                                      && method
                                          .getOwner()
                                          .getModifiers()
                                          .contains(JavaModifier.PUBLIC)
                                      && !method.getOwner().equals(type));
                  if (!usedOutside
                      && !inAPublicApi
                      && !USED_BY_BENCHMARKS.contains(type.getSimpleName())) {
                    events.add(
                        SimpleConditionEvent.violated(
                            type,
                            type.getName()
                                + " is public but nothing outside its package uses it: make it"
                                + " package-private"));
                  }
                }
              })
          .as("adapter classes are package-private unless another package uses them");

  static final ArchRule[] ALL = {
    DOMAIN_DEPENDS_ONLY_ON_THE_JDK,
    APPLICATION_DEPENDS_ONLY_ON_THE_DOMAIN,
    CORE_USES_NO_JDK_INFRASTRUCTURE,
    ADAPTERS_USE_PORTS_NOT_SERVICES,
    ADAPTERS_DO_NOT_SEE_EACH_OTHER,
    NO_PACKAGE_CYCLES,
    NO_FIELD_INJECTION,
    NO_STANDARD_STREAMS,
    VENDOR_NAME_ONLY_IN_ITS_ADAPTER,
    SECOND_VENDOR_NAME_ONLY_IN_ITS_ADAPTER,
    CORE_NAMES_NO_VENDOR,
    USE_CASES_ARE_INTERFACES,
    NO_IMPL_SUFFIX,
    INCOMING_PORTS_HAVE_DRIVERS,
    CORE_DOES_NOT_USE_SHARED_PORTS,
    ADAPTER_CLASSES_PUBLIC_ONLY_WHEN_USED_OUTSIDE,
  };
}
