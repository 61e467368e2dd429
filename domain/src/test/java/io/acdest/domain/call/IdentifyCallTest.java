package io.acdest.domain.call;

import static io.acdest.domain.call.Json.arr;
import static io.acdest.domain.call.Json.call;
import static io.acdest.domain.call.Json.identify;
import static io.acdest.domain.call.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.domain.model.Contact;
import io.acdest.domain.model.ContactCreation;
import io.acdest.domain.model.CustomFieldValue;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.model.ListId;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.TagSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentifyCallTest {

  private static IdentifyCall map(ReceivedCall call) {
    return (IdentifyCall) CallMapping.map(call);
  }

  private static Map<String, Object> janeKim(Object... moreTraits) {
    Map<String, Object> traits =
        obj("firstName", "Jane", "lastName", "Kim", "email", "jane.kim@example.com");
    traits.putAll(obj(moreTraits));
    return traits;
  }

  @Test
  void janeKimBecomesAContactThatMayBeCreated() {
    // analytics.identify('ze8rt1u89', {firstName: 'Jane', lastName: 'Kim', email:
    // 'jane.kim@example.com'})
    IdentifyCall identify = map(identify(janeKim()));

    assertThat(identify.creation()).isEqualTo(ContactCreation.ALLOWED);
    Contact contact = identify.toContact(identify.email().orElseThrow());
    assertThat(contact.email()).isEqualTo(new EmailAddress("jane.kim@example.com"));
    assertThat(contact.name().first()).contains("Jane");
    assertThat(contact.name().last()).contains("Kim");
    assertThat(contact.externalId()).contains("ze8rt1u89");
    assertThat(contact.customFields().isEmpty()).isTrue();
    assertThat(identify.unmapped()).isEmpty();
  }

  @Test
  void basicFieldsComeFromTraitsThenContextTraits() {
    ReceivedCall call =
        call(
            "identify",
            obj(
                "userId", "ze8rt1u89",
                "traits", obj("firstName", "Jane"),
                "context",
                    obj(
                        "traits",
                        obj(
                            "firstName",
                            "Ignored",
                            "lastName",
                            "Kim",
                            "email",
                            "jane.kim@example.com",
                            "phone",
                            "+1 555 0100"))));
    IdentifyCall identify = map(call);

    assertThat(identify.name().first()).contains("Jane");
    assertThat(identify.name().last()).contains("Kim");
    assertThat(identify.email()).contains(new EmailAddress("jane.kim@example.com"));
    assertThat(identify.phone()).contains("+1 555 0100");
  }

  @Test
  void snakeCaseNamesAndAFullNameAreAccepted() {
    assertThat(map(identify(obj("first_name", "Jane", "last_name", "Kim"))).name().last())
        .contains("Kim");
    IdentifyCall split = map(identify(obj("name", "Jane Kim", "email", "jane.kim@example.com")));
    assertThat(split.name().first()).contains("Jane");
    assertThat(split.name().last()).contains("Kim");
    assertThat(split.creation()).isEqualTo(ContactCreation.ALLOWED);
  }

  @Test
  void anIdentifyWithoutANameMayNotCreate() {
    assertThat(map(identify(obj("email", "jane.kim@example.com"))).creation())
        .isEqualTo(ContactCreation.MISSING_NAME);
    assertThat(map(identify(obj("firstName", "Jane"))).creation())
        .isEqualTo(ContactCreation.MISSING_EMAIL);
  }

  @Test
  void documentationTagExampleIsResetThenAdd() {
    // tags: ['checkout', 'abandoned'], tagsReset: 1
    IdentifyCall identify =
        map(identify(janeKim("tags", arr("checkout", "abandoned"), "tagsReset", 1)));
    assertThat(identify.tags().resetFirst()).isTrue();
    assertThat(identify.tags().add()).isEqualTo(TagSet.of("checkout", "abandoned"));
    assertThat(identify.customFields().isEmpty()).isTrue();
  }

  @Test
  void documentationCustomFieldExampleSetsThreeFields() {
    // shirtSize: 'medium', state: 'California', multiChoice: [Value1, Value2]
    IdentifyCall identify =
        map(
            identify(
                janeKim(
                    "shirtSize",
                    "medium",
                    "state",
                    "California",
                    "multiChoice",
                    arr("Value1", "Value2"))));

    assertThat(identify.customFields().size()).isEqualTo(3);
    assertThat(identify.customFields().get("SHIRT_SIZE")).isEqualTo(new CustomFieldValue("medium"));
    assertThat(identify.customFields().get("STATE")).isEqualTo(new CustomFieldValue("California"));
    assertThat(identify.customFields().get("MULTI_CHOICE"))
        .isEqualTo(CustomFieldValue.list(java.util.List.of("Value1", "Value2")));
  }

  @Test
  void engageAudienceMembershipIsACustomField() {
    IdentifyCall identify = map(identify(janeKim("order_completed_last_30days", true)));
    assertThat(identify.customFields().get("ORDER_COMPLETED_LAST_30DAYS"))
        .isEqualTo(new CustomFieldValue("true"));
  }

  @Test
  void reservedTraitsAndObjectValuesAreRecordedAsUnmapped() {
    IdentifyCall identify =
        map(
            identify(
                janeKim("company", "Initech", "age", 31, "prefs", obj("a", 1), "state", null)));
    assertThat(identify.customFields().get("COMPANY")).isNull();
    assertThat(identify.customFields().get("STATE")).isEqualTo(CustomFieldValue.clear());
    assertThat(identify.unmapped())
        .containsExactly(
            "company: reserved trait, never a custom field",
            "age: reserved trait, never a custom field",
            "prefs: an object has no custom-field encoding");
  }

  @Test
  void twoTraitsForOneFieldKeepTheFirstByNameWhateverTheirOrder() {
    for (IdentifyCall identify :
        List.of(
            map(identify(janeKim("shirtSize", "small", "shirt_size", "large"))),
            map(identify(janeKim("shirt_size", "large", "shirtSize", "small"))))) {
      assertThat(identify.customFields().size()).isEqualTo(1);
      assertThat(identify.customFields().get("SHIRT_SIZE"))
          .isEqualTo(new CustomFieldValue("small"));
      assertThat(identify.warnings())
          .singleElement()
          .asString()
          .contains("shirtSize, shirt_size")
          .endsWith("shirtSize was used");
    }
  }

  @Test
  void documentationListsExampleIsMapped() {
    IdentifyCall identify =
        map(
            identify(
                janeKim(
                    "lists",
                    arr(
                        obj("id", 1, "status", "active"),
                        obj("id", 7, "status", "unsubscribed")))));
    assertThat(identify.lists())
        .containsExactly(
            new ListSubscription(new ListId(1), ListSubscription.Status.SUBSCRIBED),
            new ListSubscription(new ListId(7), ListSubscription.Status.UNSUBSCRIBED));
  }

  @Test
  void aMalformedListEntryRejectsTheWholeIdentify() {
    ReceivedCall call =
        identify(
            janeKim(
                "tags",
                "vip",
                "lists",
                arr(obj("id", 1, "status", "active"), obj("status", "active"))));
    assertThatThrownBy(() -> map(call))
        .isInstanceOf(InvalidField.class)
        .hasMessageStartingWith("traits.lists[1].id must be a list id");
  }

  @Test
  void aWrongTypedTraitIsAnErrorNamingIt() {
    assertThatThrownBy(() -> map(identify(obj("email", 42))))
        .hasMessage("traits.email must be a string");
    assertThatThrownBy(() -> map(identify(obj("email", "not-an-address"))))
        .hasMessage("traits.email must be an email address");
    assertThatThrownBy(() -> map(call("identify", obj("userId", "u1", "traits", "Jane"))))
        .hasMessage("traits must be an object");
  }

  @Test
  void withoutItsOwnEmailTheDirectoryIsAsked() {
    IdentifyCall withEmail = map(identify(janeKim()));
    assertThat(withEmail.emailSources())
        .containsExactly(
            new EmailSource.Given(new EmailAddress("jane.kim@example.com"), "traits.email"));
    IdentifyCall without = map(identify(obj("shirtSize", "medium")));
    assertThat(without.emailSources()).containsExactly(new EmailSource.KnownUser("ze8rt1u89"));
  }
}
