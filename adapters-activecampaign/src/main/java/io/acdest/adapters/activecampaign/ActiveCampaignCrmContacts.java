package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.domain.model.Contact;
import io.acdest.domain.model.ContactImport;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.CustomFieldCatalogue;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.Tag;
import io.acdest.domain.model.TagChange;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.CrmFailure;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link CrmContacts} on ActiveCampaign's v3 REST API. */
public final class ActiveCampaignCrmContacts implements CrmContacts {
  private final AcHttp http;
  private final Catalogues catalogues;

  ActiveCampaignCrmContacts(AcHttp http, Catalogues catalogues) {
    this.http = http;
    this.catalogues = catalogues;
  }

  @Override
  public Optional<CrmContactId> findByEmail(EmailAddress email) {
    JsonNode found = http.rest("contacts.find", HttpMethod.GET, "/contacts", Map.of("email", email.value()), null);
    for (JsonNode contact : found.path("contacts")) {
      if (email.value().equalsIgnoreCase(contact.path("email").asText())) {
        return Optional.of(new CrmContactId(contact.path("id").asText()));
      }
    }
    return Optional.empty();
  }

  /** One {@code POST /api/3/contact/sync} carrying the basic fields and every matched custom field. */
  @Override
  public ContactSync sync(Contact contact) {
    CustomFieldCatalogue fields = catalogues.fields(false);
    if (!AcContactSyncRequest.unmatched(contact, fields).isEmpty()) {
      fields = catalogues.fields(true);
    }
    JsonNode synced = http.rest("contact.sync", HttpMethod.POST, "/contact/sync", Map.of(),
        AcContactSyncRequest.from(contact, fields));
    String id = synced.path("contact").path("id").asText("");
    if (id.isEmpty()) {
      throw new CrmFailure(CrmFailure.Kind.CONFIGURATION,
          "contact.sync: the answer has no contact id (is the API URL an ActiveCampaign account?)");
    }
    return new ContactSync(new CrmContactId(id), AcContactSyncRequest.unmatched(contact, fields));
  }

  /**
   * One {@code POST /api/3/import/bulk_import} for up to 250 contacts. ActiveCampaign queues the import and
   * answers at once; the contacts' ids are not returned.
   */
  @Override
  public List<List<String>> importContacts(List<ContactImport> imports) {
    CustomFieldCatalogue cached = catalogues.fields(false);
    boolean anyMissing = imports.stream().anyMatch(i -> !AcContactSyncRequest.unmatched(i.contact(), cached).isEmpty());
    CustomFieldCatalogue fields = anyMissing ? catalogues.fields(true) : cached;
    http.awaitImportSlot();
    JsonNode answer = http.rest("import.bulk", HttpMethod.POST, "/import/bulk_import", Map.of(),
        AcBulkImportRequest.from(imports, fields));
    if (answer.path("success").asInt(answer.path("Success").asInt(0)) != 1) {
      throw new CrmFailure(CrmFailure.Kind.PERMANENT, "import.bulk: ActiveCampaign did not queue the import: "
          + answer.path("message").asText("no message"));
    }
    return imports.stream().map(i -> AcContactSyncRequest.unmatched(i.contact(), fields)).toList();
  }

  @Override
  public int maxImport() {
    return AcBulkImportRequest.MAX_CONTACTS;
  }

  @Override
  public void changeEmail(CrmContactId contact, EmailAddress newEmail) {
    http.rest("contacts.update", HttpMethod.PUT, "/contacts/" + contact.value(), Map.of(),
        AcRequests.ContactEmailUpdate.of(newEmail.value()));
  }

  /**
   * With a reset, lists the contact's tags and deletes each; then attaches each tag, creating missing tags.
   * An answer that the contact already has the tag is success.
   */
  @Override
  public void applyTags(CrmContactId contact, TagChange change) {
    if (change.resetFirst()) {
      JsonNode current = http.rest("contactTags.list", HttpMethod.GET, "/contacts/" + contact.value() + "/contactTags",
          Map.of(), null);
      for (JsonNode contactTag : current.path("contactTags")) {
        http.rest("contactTags.delete", HttpMethod.DELETE, "/contactTags/" + contactTag.path("id").asText(), Map.of(), null);
      }
    }
    for (Tag tag : change.add().asList()) {
      String tagId = catalogues.tagId(tag);
      AcHttp.Answer answer = http.restAnswer("contactTags.create", HttpMethod.POST, "/contactTags",
          AcRequests.ContactTagCreate.of(contact.value(), tagId));
      boolean alreadyAttached = answer.status() == 422 && answer.body().contains("duplicate");
      if (!alreadyAttached) {
        http.expectJson("contactTags.create", answer, true);
      }
    }
  }

  @Override
  public void applyListSubscriptions(CrmContactId contact, List<ListSubscription> subscriptions) {
    for (ListSubscription subscription : subscriptions) {
      http.rest("contactLists.update", HttpMethod.POST, "/contactLists", Map.of(),
          AcContactListRequest.from(contact, subscription));
    }
  }
}
