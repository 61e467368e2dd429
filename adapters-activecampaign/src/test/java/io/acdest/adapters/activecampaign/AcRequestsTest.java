package io.acdest.adapters.activecampaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.model.Contact;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.CustomFieldCatalogue;
import io.acdest.domain.model.CustomFieldDefinition;
import io.acdest.domain.model.CustomFieldKey;
import io.acdest.domain.model.CustomFieldValue;
import io.acdest.domain.model.CustomFieldValues;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListId;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.PersonName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcRequestsTest {
  private final ObjectMapper json = new ObjectMapper();
  private final CustomFieldCatalogue catalogue =
      new CustomFieldCatalogue(
          List.of(
              new CustomFieldDefinition("1", "SHIRT_SIZE", "Shirt size"),
              new CustomFieldDefinition("2", "STATE", "State"),
              new CustomFieldDefinition("6", "MULTI_CHOICE", "Multi choice")));

  private static Contact janeKim(Map<String, String> fields) {
    Map<CustomFieldKey, CustomFieldValue> values = new LinkedHashMap<>();
    fields.forEach(
        (trait, value) ->
            values.put(
                CustomFieldKey.of(trait),
                value.contains(",")
                    ? CustomFieldValue.list(List.of(value.split(",")))
                    : new CustomFieldValue(value)));
    return new Contact(
        new EmailAddress("jane.kim@example.com"),
        new PersonName(Optional.of("Jane"), Optional.of("Kim")),
        Optional.empty(),
        Optional.of("ze8rt1u89"),
        new CustomFieldValues(values));
  }

  @Test
  void theDocumentationsCustomFieldsGoInlineInOneContactSync() throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("shirtSize", "medium");
    fields.put("state", "California");
    fields.put("multiChoice", "Value1,Value2"); // the list [Value1, Value2]
    fields.put("shoeSize", "42");
    Contact jane = janeKim(fields);

    String body = json.writeValueAsString(AcContactSyncRequest.from(jane, catalogue));

    assertThat(json.readTree(body))
        .isEqualTo(
            json.readTree(
                """
        {"contact": {"email": "jane.kim@example.com", "firstName": "Jane", "lastName": "Kim",
          "fieldValues": [{"field": "1", "value": "medium"}, {"field": "2", "value": "California"},
                          {"field": "6", "value": "||Value1||Value2||"}]}}
        """));
    assertThat(AcContactSyncRequest.unmatched(jane, catalogue)).containsExactly("shoeSize");
  }

  @Test
  void aContactWithoutCustomFieldsSendsNoFieldValues() throws Exception {
    String body = json.writeValueAsString(AcContactSyncRequest.from(janeKim(Map.of()), catalogue));
    assertThat(json.readTree(body).get("contact").has("fieldValues")).isFalse();
    assertThat(json.readTree(body).get("contact").get("email").asText())
        .isEqualTo("jane.kim@example.com");
  }

  @Test
  void listStatusesAreOneForActiveAndTwoForUnsubscribed() throws Exception {
    // lists: [{id: 1, status: 'active'}, {id: 7, status: 'unsubscribed'}]
    CrmContactId jane = new CrmContactId("12");
    assertThat(
            json.writeValueAsString(
                AcContactListRequest.from(
                    jane, new ListSubscription(new ListId(1), ListSubscription.Status.SUBSCRIBED))))
        .isEqualTo("{\"contactList\":{\"list\":\"1\",\"contact\":\"12\",\"status\":\"1\"}}");
    assertThat(
            json.writeValueAsString(
                AcContactListRequest.from(
                    jane,
                    new ListSubscription(new ListId(7), ListSubscription.Status.UNSUBSCRIBED))))
        .isEqualTo("{\"contactList\":{\"list\":\"7\",\"contact\":\"12\",\"status\":\"2\"}}");
  }

  @Test
  void theModuleNamesTheDestinationAsTheDocumentationDoes() {
    // "Refer to it as ActiveCampaign in the Integrations object"
    IntegrationsFilter filter = ActiveCampaignModule.integrationsFilter();
    assertThat(filter.destination()).isEqualTo("ActiveCampaign");
    assertThat(filter.delivers(CallFields.root(Map.of("ActiveCampaign", false)))).isFalse();
  }
}
