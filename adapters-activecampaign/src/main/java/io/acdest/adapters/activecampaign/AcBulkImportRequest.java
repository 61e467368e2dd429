package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.acdest.domain.model.ContactImport;
import io.acdest.domain.model.CustomFieldCatalogue;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * ActiveCampaign JSON for {@code POST /api/3/import/bulk_import}: up to 250 contacts, each with its fields (by
 * custom-field id), tags to add, and lists to subscribe to or unsubscribe from.
 */
record AcBulkImportRequest(List<AcImportContact> contacts) {
  /** ActiveCampaign's limit per request. */
  public static final int MAX_CONTACTS = 250;

  /**
   * Fewer contacts than this go one by one: ActiveCampaign processes an import later, in its own queue, where one by
   * one they are in at once; below ten the requests saved do not make up for the wait (the service's choice).
   */
  public static final int MIN_CONTACTS = 10;

  /** One contact of the import. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AcImportContact(
      String email,
      @JsonProperty("first_name") String firstName,
      @JsonProperty("last_name") String lastName,
      String phone,
      List<String> tags,
      List<AcImportField> fields,
      List<AcListRef> subscribe,
      List<AcListRef> unsubscribe) {}

  /** A custom field's id (an integer, as the published schema types it) and its value. */
  public record AcImportField(long id, String value) {}

  /** A list, by id. */
  public record AcListRef(String listid) {}

  public static AcBulkImportRequest from(
      List<ContactImport> imports, CustomFieldCatalogue catalogue) {
    if (imports.size() > MAX_CONTACTS) {
      throw new IllegalArgumentException("at most " + MAX_CONTACTS + " contacts per bulk import");
    }
    List<AcImportContact> contacts = new ArrayList<>();
    for (ContactImport contactImport : imports) {
      var contact = contactImport.contact();
      List<AcImportField> fields = new ArrayList<>();
      catalogue
          .matched(contact.customFields())
          .forEach(
              (field, value) ->
                  fields.add(new AcImportField(Long.parseLong(field.id()), AcFieldText.of(value))));
      List<AcListRef> subscribe = new ArrayList<>();
      List<AcListRef> unsubscribe = new ArrayList<>();
      for (ListSubscription list : contactImport.lists()) {
        (list.status() == ListSubscription.Status.SUBSCRIBED ? subscribe : unsubscribe)
            .add(new AcListRef(list.list().toString()));
      }
      contacts.add(
          new AcImportContact(
              contact.email().value(),
              contact.name().first().orElse(null),
              contact.name().last().orElse(null),
              contact.phone().orElse(null),
              contactImport.tags().asList().stream().map(Tag::name).toList(),
              fields,
              subscribe,
              unsubscribe));
    }
    return new AcBulkImportRequest(contacts);
  }
}
