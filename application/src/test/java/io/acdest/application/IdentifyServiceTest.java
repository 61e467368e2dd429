package io.acdest.application;

import static io.acdest.application.Harness.arr;
import static io.acdest.application.Harness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.application.fakes.FakeCrm;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.model.Contact;
import io.acdest.domain.model.CustomFieldValue;
import io.acdest.domain.model.CustomFieldValues;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListId;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.PersonName;
import io.acdest.domain.model.TagSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentifyServiceTest {
  private final Harness h = new Harness();

  private static Map<String, Object> identify(String messageId, Map<String, Object> traits) {
    return obj("type", "identify", "messageId", messageId, "userId", "ze8rt1u89", "traits", traits);
  }

  private static Map<String, Object> janeKim(Object... more) {
    Map<String, Object> traits =
        obj("firstName", "Jane", "lastName", "Kim", "email", "jane.kim@example.com");
    traits.putAll(obj(more));
    return traits;
  }

  @Test
  void janeKimIsCreatedWithCustomFieldsTagsAndLists() {
    h.accept(
        identify(
            "m1",
            janeKim(
                "shirtSize",
                "medium",
                "state",
                "California",
                "multiChoice",
                arr("Value1", "Value2"),
                "tags",
                arr("checkout", "abandoned"),
                "lists",
                arr(obj("id", 1, "status", "active"), obj("id", 7, "status", "unsubscribed")))));

    assertThat(h.deliverDue()).containsExactly(new DeliveryOutcome.Delivered(java.util.List.of()));
    FakeCrm.StoredContact jane = h.crm.contact("jane.kim@example.com").orElseThrow();
    assertThat(jane.contact.name().first()).contains("Jane");
    assertThat(jane.contact.externalId()).contains("ze8rt1u89");
    assertThat(jane.contact.customFields().get("MULTI_CHOICE"))
        .isEqualTo(CustomFieldValue.list(java.util.List.of("Value1", "Value2")));
    assertThat(jane.tags).isEqualTo(TagSet.of("checkout", "abandoned"));
    assertThat(jane.lists)
        .containsEntry(new ListId(1), ListSubscription.Status.SUBSCRIBED)
        .containsEntry(new ListId(7), ListSubscription.Status.UNSUBSCRIBED);
    assertThat(h.message("m1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.directory.findByUserId("ze8rt1u89"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.email()).isEqualTo(new EmailAddress("jane.kim@example.com"));
              assertThat(e.contact()).contains(jane.id);
            });
  }

  @Test
  void tagsResetRemovesEveryTagBeforeAdding() {
    FakeCrm.StoredContact jane = h.crm.existing(contact("jane.kim@example.com"));
    jane.tags = TagSet.of("old", "checkout");

    h.accept(identify("m1", janeKim("tags", arr("checkout", "abandoned"), "tagsReset", 1)));
    h.deliverDue();

    assertThat(jane.tags).isEqualTo(TagSet.of("checkout", "abandoned"));
    assertThat(h.crm.requests()).contains("applyTags " + jane.id + " reset [checkout, abandoned]");
  }

  @Test
  void withoutTagsResetTagsAreAdded() {
    FakeCrm.StoredContact jane = h.crm.existing(contact("jane.kim@example.com"));
    jane.tags = TagSet.of("old");
    h.accept(identify("m1", janeKim("tags", "vip")));
    h.deliverDue();
    assertThat(jane.tags).isEqualTo(TagSet.of("old", "vip"));
  }

  @Test
  void anUnknownContactWithoutANameIsSkippedWithTheReason() {
    h.accept(identify("m1", obj("email", "jane.kim@example.com", "shirtSize", "medium")));

    assertThat(h.deliverDue()).singleElement().isInstanceOf(DeliveryOutcome.Skipped.class);
    assertThat(h.message("m1").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(h.message("m1").reason())
        .hasValueSatisfying(r -> assertThat(r).contains("firstName or lastName"));
    assertThat(h.crm.contactCount()).isZero();
    assertThat(h.crm.requests()).containsExactly("findByEmail jane.kim@example.com");
  }

  @Test
  void anExistingContactWithoutANameIsUpdated() {
    h.crm.existing(contact("jane.kim@example.com"));
    h.accept(identify("m1", obj("email", "jane.kim@example.com", "shirtSize", "large")));
    h.deliverDue();
    assertThat(h.message("m1").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(
            h.crm
                .contact("jane.kim@example.com")
                .orElseThrow()
                .contact
                .customFields()
                .get("SHIRT_SIZE"))
        .isEqualTo(new CustomFieldValue("large"));
  }

  @Test
  void aKnownUserWithANewEmailChangesTheExistingContactsEmail() {
    h.accept(identify("m1", janeKim()));
    h.deliverDue();
    String id = h.crm.contact("jane.kim@example.com").orElseThrow().id.value();

    h.accept(identify("m2", janeKim("email", "jane@kim.example")));
    h.deliverDue();

    assertThat(h.crm.contactCount()).isEqualTo(1);
    assertThat(h.crm.contact("jane@kim.example").orElseThrow().id.value()).isEqualTo(id);
    assertThat(h.crm.requests()).contains("changeEmail " + id + " jane@kim.example");
    assertThat(h.directory.findByUserId("ze8rt1u89").orElseThrow().email())
        .isEqualTo(new EmailAddress("jane@kim.example"));
  }

  @Test
  void anEmailChangeCostsTheChangePlusWhatElseChangedNoMore() {
    // issue 22: after the email changed, every tag and list status was sent again (7 requests where
    // 2 do)
    Map<String, Object> traits =
        janeKim(
            "tags",
            arr("checkout", "abandoned", "vip"),
            "lists",
            arr(obj("id", 1, "status", "active"), obj("id", 7, "status", "unsubscribed")));
    h.accept(identify("m1", traits));
    h.deliverDue();
    String id = h.crm.contact("jane.kim@example.com").orElseThrow().id.value();
    h.crm.clearRequests();

    Map<String, Object> sameButEmail = new java.util.LinkedHashMap<>(traits);
    sameButEmail.put("email", "jane@kim.example");
    h.accept(identify("m2", sameButEmail));
    h.deliverDue();
    assertThat(h.crm.requests()).containsExactly("changeEmail " + id + " jane@kim.example");

    Map<String, Object> newEmailAndField = new java.util.LinkedHashMap<>(sameButEmail);
    newEmailAndField.put("email", "jane@kim3.example");
    newEmailAndField.put("shirtSize", "large");
    h.accept(identify("m3", newEmailAndField));
    h.deliverDue();
    assertThat(h.crm.requests())
        .containsExactly(
            "changeEmail " + id + " jane@kim.example",
            "changeEmail " + id + " jane@kim3.example",
            "sync jane@kim3.example");
    assertThat(h.message("m3").state()).isEqualTo(MessageState.DELIVERED);

    h.accept(identify("m4", newEmailAndField));
    h.deliverDue();
    assertThat(h.crm.requests()).as("the same again costs nothing").hasSize(3);
  }

  @Test
  void anIdentifyWithoutEmailUsesTheDirectory() {
    h.accept(identify("m1", janeKim()));
    h.accept(identify("m2", obj("shirtSize", "small")));
    h.deliverDue();
    assertThat(h.message("m2").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(
            h.crm
                .contact("jane.kim@example.com")
                .orElseThrow()
                .contact
                .customFields()
                .get("SHIRT_SIZE"))
        .isEqualTo(new CustomFieldValue("small"));
  }

  @Test
  void anIdentifyWithoutEmailForAnUnknownUserIsSkipped() {
    h.accept(identify("m1", obj("firstName", "Jane")));
    h.deliverDue();
    assertThat(h.message("m1").state()).isEqualTo(MessageState.SKIPPED);
    assertThat(h.message("m1").reason())
        .hasValueSatisfying(r -> assertThat(r).startsWith("no email"));
    assertThat(h.crm.requests()).isEmpty();
  }

  @Test
  void traitsNoCustomFieldMatchesAreRecordedAsUnmapped() {
    h.accept(identify("m1", janeKim("shoeSize", 42, "company", "Initech")));
    h.deliverDue();
    assertThat(h.message("m1").unmapped())
        .containsExactly(
            "company: reserved trait, never a custom field",
            "shoeSize: no custom field with this key or name");
  }

  private Map<String, Object> everything() {
    return janeKim(
        "shirtSize",
        "medium",
        "tags",
        arr("checkout", "abandoned"),
        "lists",
        arr(obj("id", 1, "status", "active"), obj("id", 7, "status", "unsubscribed")));
  }

  @Test
  void aRepeatedIdentifyThatChangesNothingSendsNothing() {
    h.accept(identify("m1", everything()));
    h.deliverDue();
    int before = h.crm.requests().size();

    h.accept(identify("m2", everything()));
    h.deliverDue();

    assertThat(h.crm.requests()).hasSize(before);
    assertThat(h.message("m2").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.message("m2").reason())
        .hasValueSatisfying(r -> assertThat(r).startsWith("unchanged"));
  }

  @Test
  void aChangedIdentifySendsOnlyTheDifference() {
    h.accept(identify("m1", everything()));
    h.deliverDue();
    String id = h.crm.contact("jane.kim@example.com").orElseThrow().id.value();

    int before = h.crm.requests().size();
    Map<String, Object> changed = everything();
    changed.put("tags", arr("checkout", "abandoned", "vip"));
    changed.put("lists", arr(obj("id", 1, "status", "active"), obj("id", 7, "status", "active")));
    h.accept(identify("m2", changed));
    h.deliverDue();

    assertThat(h.crm.requests().subList(before, h.crm.requests().size()))
        .containsExactly("applyTags " + id + " [vip]", "applyLists " + id + " 1");
    assertThat(h.crm.contact("jane.kim@example.com").orElseThrow().lists)
        .containsEntry(new ListId(7), ListSubscription.Status.SUBSCRIBED);

    before = h.crm.requests().size();
    Map<String, Object> newField = changed;
    newField.put("shirtSize", "large");
    h.accept(identify("m3", newField));
    h.deliverDue();
    assertThat(h.crm.requests().subList(before, h.crm.requests().size()))
        .containsExactly("sync jane.kim@example.com");
  }

  @Test
  void afterTheHorizonEverythingIsSentAgain() {
    h.accept(identify("m1", everything()));
    h.deliverDue();
    h.clock.advance(java.time.Duration.ofHours(25));
    int before = h.crm.requests().size();
    h.accept(identify("m2", everything()));
    h.deliverDue();
    assertThat(h.crm.requests().size() - before).as("sync, tags, lists").isEqualTo(3);
  }

  @Test
  void tagsResetAlwaysReachesTheCrm() {
    Map<String, Object> reset = janeKim("tags", arr("checkout"), "tagsReset", 1);
    h.accept(identify("m1", reset));
    h.deliverDue();
    int before = h.crm.requests().size();
    h.accept(identify("m2", reset));
    h.deliverDue();
    assertThat(h.crm.requests().subList(before, h.crm.requests().size()))
        .singleElement()
        .asString()
        .contains("reset [checkout]");
  }

  @Test
  void aContactDeletedInTheCrmIsForgottenAndFoundOrCreatedAgainByEmail() {
    h.accept(identify("m1", everything()));
    h.deliverDue();
    String before = h.crm.contact("jane.kim@example.com").orElseThrow().id.value();
    h.crm.delete("jane.kim@example.com");

    Map<String, Object> moreTags = everything();
    moreTags.put("tags", arr("checkout", "abandoned", "vip"));
    h.accept(identify("m2", moreTags));
    List<DeliveryOutcome> outcomes = h.deliverDue();

    FakeCrm.StoredContact jane = h.crm.contact("jane.kim@example.com").orElseThrow();
    assertThat(jane.id.value()).as("created again").isNotEqualTo(before);
    assertThat(jane.tags).isEqualTo(TagSet.of("checkout", "abandoned", "vip"));
    assertThat(jane.lists).containsEntry(new ListId(1), ListSubscription.Status.SUBSCRIBED);
    assertThat(h.directory.findByUserId("ze8rt1u89").flatMap(e -> e.contact())).contains(jane.id);
    assertThat(outcomes)
        .singleElement()
        .isInstanceOfSatisfying(
            DeliveryOutcome.Delivered.class,
            delivered ->
                assertThat(delivered.note())
                    .hasValueSatisfying(n -> assertThat(n).contains(before)));
  }

  @Test
  void aContactGoneAgainWhileRecoveringIsRetriedNotDead() {
    h.accept(identify("m1", everything()));
    h.deliverDue();
    h.crm.delete("jane.kim@example.com");
    h.crm.failNext(
        new io.acdest.domain.port.out.CrmFailure(
            io.acdest.domain.port.out.CrmFailure.Kind.CONTACT_GONE, "gone"),
        new io.acdest.domain.port.out.CrmFailure(
            io.acdest.domain.port.out.CrmFailure.Kind.CONTACT_GONE, "gone"));
    Map<String, Object> moreTags = everything();
    moreTags.put("tags", arr("vip"));
    h.accept(identify("m2", moreTags));

    assertThat(h.deliverDue()).singleElement().isInstanceOf(DeliveryOutcome.RetryLater.class);
    assertThat(h.message("m2").state()).isNotEqualTo(MessageState.DEAD);
  }

  private static Contact contact(String email) {
    return new Contact(
        new EmailAddress(email),
        PersonName.NONE,
        Optional.empty(),
        Optional.empty(),
        CustomFieldValues.NONE);
  }
}
