package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.acdest.adapters.archfixture.AdapterBreakingRules;
import io.acdest.adapters.archfixture.PublicForNoOne;
import io.acdest.adapters.crm.archfixture.SupportUsingAnAdapter;
import io.acdest.adapters.http.TrackingJson;
import io.acdest.application.archfixture.ApplicationSpendingABudget;
import io.acdest.application.archfixture.ApplicationUsingGuice;
import io.acdest.application.archfixture.ApplicationUsingJdbc;
import io.acdest.archfixture.cycle.a.A;
import io.acdest.archfixture.cycle.b.B;
import io.acdest.domain.archfixture.DomainUsingJackson;
import io.acdest.domain.port.in.archfixture.ConcreteUseCase;
import io.acdest.domain.port.in.archfixture.UndrivenUseCase;
import org.junit.jupiter.api.Test;

/** Each rule reports a small class written to break it, so a rule that stopped biting would be noticed. */
class ArchitectureRulesBiteTest {

  private static String violations(ArchRule rule, Class<?>... fixtures) {
    JavaClasses classes = new ClassFileImporter().importClasses(fixtures);
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.hasViolation()).as("%s reports the fixture", rule.getDescription()).isTrue();
    return result.getFailureReport().toString();
  }

  @Test
  void aDomainClassUsingJacksonIsReported() {
    assertThat(
            violations(ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_THE_JDK, DomainUsingJackson.class))
        .contains("com.fasterxml.jackson.databind.ObjectMapper");
  }

  @Test
  void anApplicationClassUsingJdbcIsReported() {
    assertThat(
            violations(
                ArchitectureRules.CORE_USES_NO_JDK_INFRASTRUCTURE, ApplicationUsingJdbc.class))
        .contains("java.sql.Connection");
  }

  @Test
  void anAdapterCallingAServiceIsReported() {
    assertThat(
            violations(
                ArchitectureRules.ADAPTERS_USE_PORTS_NOT_SERVICES, AdapterBreakingRules.class))
        .contains("io.acdest.application.IngestService");
  }

  @Test
  void anAdapterReachingIntoAnotherIsReported() {
    violations(
        ArchitectureRules.ADAPTERS_DO_NOT_SEE_EACH_OTHER,
        AdapterBreakingRules.class,
        TrackingJson.class);
  }

  @Test
  void theCrmSupportReachingIntoAnAdapterIsReported() {
    assertThat(
            violations(
                ArchitectureRules.ADAPTERS_DO_NOT_SEE_EACH_OTHER,
                SupportUsingAnAdapter.class,
                TrackingJson.class))
        .contains("SupportUsingAnAdapter");
  }

  @Test
  void fieldInjectionIsReported() {
    assertThat(violations(ArchitectureRules.NO_FIELD_INJECTION, AdapterBreakingRules.class))
        .contains("service");
  }

  @Test
  void printingToStandardOutIsReported() {
    assertThat(violations(ArchitectureRules.NO_STANDARD_STREAMS, AdapterBreakingRules.class))
        .contains("System.out");
  }

  @Test
  void aPackageCycleIsReported() {
    violations(ArchitectureRules.NO_PACKAGE_CYCLES, A.class, B.class);
  }

  @Test
  void theVendorsNameOutsideItsAdapterIsReported() {
    assertThat(
            violations(
                ArchitectureRules.VENDOR_NAME_ONLY_IN_ITS_ADAPTER,
                DomainUsingJackson.ActiveCampaignContacts.class))
        .contains("ActiveCampaignContacts");
  }

  @Test
  void aVendorWordInACoreMemberNameIsReported() {
    assertThat(
            violations(
                ArchitectureRules.CORE_NAMES_NO_VENDOR, DomainUsingJackson.FieldDefinition.class))
        .contains("names 'perstag'");
  }

  @Test
  void anImplSuffixIsReported() {
    violations(ArchitectureRules.NO_IMPL_SUFFIX, B.RepositoryImpl.class);
  }

  @Test
  void anApplicationClassUsingGuiceIsReported() {
    assertThat(
            violations(
                ArchitectureRules.APPLICATION_DEPENDS_ONLY_ON_THE_DOMAIN,
                ApplicationUsingGuice.class))
        .contains("com.google.inject.Injector");
  }

  @Test
  void useCasesThatAreNotInterfacesAreReported() {
    violations(ArchitectureRules.USE_CASES_ARE_INTERFACES, ConcreteUseCase.class);
  }

  @Test
  void anIncomingPortThatNothingCallsIsReported() {
    assertThat(
            violations(
                ArchitectureRules.INCOMING_PORTS_HAVE_DRIVERS,
                UndrivenUseCase.class,
                UndrivenUseCase.Service.class))
        .contains("UndrivenUseCase is called by nothing");
  }

  @Test
  void anApplicationServiceSpendingARequestBudgetIsReported() {
    assertThat(
            violations(
                ArchitectureRules.CORE_DOES_NOT_USE_SHARED_PORTS, ApplicationSpendingABudget.class))
        .contains("RateLimiter");
  }

  @Test
  void aPublicAdapterClassNothingOutsideUsesIsReported() {
    assertThat(
            violations(
                ArchitectureRules.ADAPTER_CLASSES_PUBLIC_ONLY_WHEN_USED_OUTSIDE,
                PublicForNoOne.class))
        .contains("PublicForNoOne is public but nothing outside its package uses it");
  }
}
