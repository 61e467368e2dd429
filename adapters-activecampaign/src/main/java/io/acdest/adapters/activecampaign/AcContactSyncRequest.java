package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.acdest.domain.model.Contact;
import io.acdest.domain.model.CustomFieldCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ActiveCampaign JSON for {@code POST /api/3/contact/sync}: the contact's basic fields with its custom-field
 * values inline, so one request creates or updates the contact and its fields.
 */
record AcContactSyncRequest(AcContact contact) {

  /** The {@code contact} object; absent basic fields are left out rather than blanked. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AcContact(
      String email,
      String firstName,
      String lastName,
      String phone,
      List<AcFieldValue> fieldValues) {}

  /** One {@code {field, value}} pair: the custom field's id and its new text. */
  public record AcFieldValue(String field, String value) {}

  /** The request for a contact, with each custom-field value matched to its field in the catalogue. */
  public static AcContactSyncRequest from(Contact contact, CustomFieldCatalogue catalogue) {
    List<AcFieldValue> fieldValues = new ArrayList<>();
    catalogue
        .matched(contact.customFields())
        .forEach(
            (field, value) -> fieldValues.add(new AcFieldValue(field.id(), AcFieldText.of(value))));
    return new AcContactSyncRequest(
        new AcContact(
            contact.email().value(),
            contact.name().first().orElse(null),
            contact.name().last().orElse(null),
            contact.phone().orElse(null),
            fieldValues.isEmpty() ? null : List.copyOf(fieldValues)));
  }

  /** The traits of the contact that no custom field in the catalogue matches. */
  public static List<String> unmatched(Contact contact, CustomFieldCatalogue catalogue) {
    return catalogue.unmatched(contact.customFields());
  }

  /** True when the request sets custom fields. */
  public boolean carriesFields() {
    return contact.fieldValues() != null && !contact.fieldValues().isEmpty();
  }

  /** The value sent for a field id, if any. */
  public Optional<String> valueOf(String fieldId) {
    return Optional.ofNullable(contact.fieldValues())
        .flatMap(
            values ->
                values.stream()
                    .filter(v -> v.field().equals(fieldId))
                    .map(AcFieldValue::value)
                    .findFirst());
  }
}
