package io.acdest.application;

import static io.acdest.application.Harness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.application.fakes.InMemoryPersonalData;
import io.acdest.domain.call.PersonIdentifiers;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.port.in.ErasureUseCase.ErasureRequest;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.PersonalData.ErasureRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErasureServiceTest {
  private final Harness h = new Harness();
  private final InMemoryPersonalData data = new InMemoryPersonalData();
  private final ErasureService erasure =
      new ErasureService(data, h.suppressions, h.crm, h.clock, Duration.ZERO);
  private final PersonIdentifiers jane =
      PersonIdentifiers.requested(
          Optional.of("ze8rt1u89"), Optional.empty(), Optional.of("Jane.Kim@example.com"));

  @Test
  void theContactIsDeletedInTheCrmRetriedLikeADeliveryAndTheErasureIsLoggedWithoutPersonalData() {
    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "i1",
            "userId",
            "ze8rt1u89",
            "traits",
            obj("firstName", "Jane", "lastName", "Kim", "email", "jane.kim@example.com")));
    h.deliverDue();
    CrmContactId contact = h.crm.contact("jane.kim@example.com").orElseThrow().id;
    data.knows(jane, Set.of(contact));
    h.crm.failNext(new CrmFailure(CrmFailure.Kind.TRANSIENT, "503 Service Unavailable"));

    ErasureRecord record = erasure.erase(new ErasureRequest(jane, true, false));

    assertThat(record.crm()).isEqualTo("deleted 1 contact in the CRM");
    assertThat(h.crm.contact("jane.kim@example.com")).isEmpty();
    assertThat(data.erased()).extracting(person -> person.identifiers()).containsExactly(jane);
    assertThat(record.suppressionId()).isEmpty();
    assertThat(erasure.erasures(10)).containsExactly(record);
    assertThat(record.toString()).doesNotContain("jane", "ze8rt1u89");
  }

  @Test
  void aPermanentRefusalOfTheCrmIsReportedAndTheStoreIsErasedAnyway() {
    data.knows(jane, Set.of(new CrmContactId("42")));
    h.crm.failNext(new CrmFailure(CrmFailure.Kind.PERMANENT, "403 You do not have permission"));

    ErasureRecord record = erasure.erase(new ErasureRequest(jane, true, false));

    assertThat(record.crm())
        .isEqualTo("failed: could not look the contact up: 403 You do not have permission");
    assertThat(data.erased()).hasSize(1);
  }

  @Test
  void aSuppressedPersonsLaterCallsAreFilteredWithoutTheirContentAndNeverDelivered() {
    ErasureRecord record = erasure.erase(new ErasureRequest(jane, false, true));
    assertThat(record.crm()).isEqualTo("not asked");

    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "later",
            "userId",
            "someone-new",
            "traits",
            obj("firstName", "Jane", "email", "JANE.KIM@example.com", "plan", "pro")),
        obj(
            "type",
            "track",
            "messageId",
            "other",
            "userId",
            "u2",
            "event",
            "Joined",
            "properties",
            obj("email", "someone.else@example.com")));
    h.deliverDue();

    assertThat(h.message("later").state()).isEqualTo(MessageState.FILTERED);
    assertThat(h.message("later").reason())
        .hasValueSatisfying(r -> assertThat(r).startsWith("suppressed"));
    assertThat(h.store.call(Harness.key("later")).orElseThrow().event().asMap())
        .containsOnlyKeys("type", "messageId");
    assertThat(h.crm.requests()).noneMatch(r -> r.contains("jane"));
    assertThat(h.message("other").state()).isEqualTo(MessageState.DELIVERED);

    assertThat(erasure.liftSuppression(record.suppressionId().orElseThrow())).isTrue();
    h.accept(
        obj(
            "type",
            "identify",
            "messageId",
            "after-lift",
            "userId",
            "ze8rt1u89",
            "traits",
            obj("firstName", "Jane", "email", "jane.kim@example.com")));
    assertThat(h.message("after-lift").state()).isEqualTo(MessageState.ACCEPTED);
  }
}
