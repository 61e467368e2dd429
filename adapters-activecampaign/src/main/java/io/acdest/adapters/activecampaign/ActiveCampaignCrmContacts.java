package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.crm.CrmRequest;
import io.acdest.domain.delivery.DeliveryContext;
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

/**
 * {@link CrmContacts} on ActiveCampaign's v3 REST API, for an account that others change too: a contact deleted
 * there is reported as {@link CrmFailure.Kind#CONTACT_GONE} (the core finds or creates it again), a tag deleted
 * there is found or created again, and a field deleted there stops being sent.
 */
final class ActiveCampaignCrmContacts implements CrmContacts {
  private final AcHttp http;
  private final TagCatalogue tags;
  private final FieldCatalogue fields;
  private final ListCatalogue lists;

  ActiveCampaignCrmContacts(
      AcHttp http, TagCatalogue tags, FieldCatalogue fields, ListCatalogue lists) {
    this.http = http;
    this.tags = tags;
    this.fields = fields;
    this.lists = lists;
  }

  @Override
  public Optional<CrmContactId> findByEmail(EmailAddress email, DeliveryContext on) {
    JsonNode found =
        http.rest(
            on,
            new CrmRequest(
                "contacts.find",
                HttpMethod.GET,
                "/contacts",
                Map.of("email", email.value()),
                null));
    for (JsonNode contact : found.path("contacts")) {
      if (email.value().equalsIgnoreCase(contact.path("email").asText())) {
        return Optional.of(new CrmContactId(contact.path("id").asText()));
      }
    }
    return Optional.empty();
  }

  /**
   * One {@code POST /api/3/contact/sync} carrying the basic fields and every matched custom field. When the account
   * refuses it for good (a 4xx the transport classifies as permanent) while it carries custom fields, the field
   * catalogue is read again: if a field it sent is gone from the account, the sync is sent once more without it,
   * and its trait is reported unmatched.
   */
  @Override
  public ContactSync sync(Contact contact, DeliveryContext on) {
    CustomFieldCatalogue catalogue = fields.current(false, on);
    if (!AcContactSyncRequest.unmatched(contact, catalogue).isEmpty()) {
      catalogue = fields.current(true, on);
    }
    AcContactSyncRequest request = AcContactSyncRequest.from(contact, catalogue);
    AcHttp.Answer answer =
        http.restAnswer(
            on, new CrmRequest("contact.sync", HttpMethod.POST, "/contact/sync", request));
    // refused for good (the transport's classification says so) while it carries custom fields: a
    // field it sent may be gone from the account
    boolean refused =
        answer.status() / 100 != 2
            && http.classify("contact.sync", answer, true).kind() == CrmFailure.Kind.PERMANENT;
    if (refused && request.carriesFields()) {
      CustomFieldCatalogue reloaded = fields.reload(on);
      AcContactSyncRequest again = AcContactSyncRequest.from(contact, reloaded);
      if (!again.equals(request)) {
        catalogue = reloaded;
        answer =
            http.restAnswer(
                on, new CrmRequest("contact.sync", HttpMethod.POST, "/contact/sync", again));
      }
    }
    JsonNode synced = http.expectJson("contact.sync", answer, true);
    String id = synced.path("contact").path("id").asText("");
    if (id.isEmpty()) {
      throw new CrmFailure(
          CrmFailure.Kind.CONFIGURATION,
          "contact.sync: the answer has no contact id (is the API URL an ActiveCampaign account?)");
    }
    return new ContactSync(
        new CrmContactId(id), AcContactSyncRequest.unmatched(contact, catalogue));
  }

  /**
   * One {@code POST /api/3/import/bulk_import} for up to 250 contacts. ActiveCampaign queues the import and
   * answers at once; the contacts' ids are not returned.
   */
  @Override
  public List<Imported> importContacts(List<ContactImport> imports, DeliveryContext on) {
    CustomFieldCatalogue cached = fields.current(false, on);
    boolean anyMissing =
        imports.stream()
            .anyMatch(i -> !AcContactSyncRequest.unmatched(i.contact(), cached).isEmpty());
    CustomFieldCatalogue catalogue = anyMissing ? fields.current(true, on) : cached;
    http.awaitImportSlot();
    JsonNode answer =
        http.rest(
            on,
            new CrmRequest(
                "import.bulk",
                HttpMethod.POST,
                "/import/bulk_import",
                Map.of(),
                AcBulkImportRequest.from(imports, catalogue)));
    if (answer.path("success").asInt(answer.path("Success").asInt(0)) != 1) {
      throw new CrmFailure(
          CrmFailure.Kind.PERMANENT,
          "import.bulk: ActiveCampaign did not queue the import: "
              + answer.path("message").asText("no message"));
    }
    // ActiveCampaign queues the import as a whole and reports nothing per contact: none is refused
    // here
    return imports.stream()
        .map(i -> Imported.withUnmatched(AcContactSyncRequest.unmatched(i.contact(), catalogue)))
        .toList();
  }

  /**
   * A bulk import is queued and applied later: it drops a list the account does not have without a word (on its own,
   * {@code POST /api/3/contactLists} answers 404 "No Result found for List with id 99"), and it does not subscribe a
   * contact to a list they unsubscribed from, which {@code contactLists} does (the published description of
   * {@code subscribe}). Either way the contact goes on its own.
   */
  @Override
  public Optional<String> whyNotInImport(ContactImport contactImport, DeliveryContext on) {
    for (ListSubscription list : contactImport.lists()) {
      if (list.status() == ListSubscription.Status.SUBSCRIBED) {
        return Optional.of(
            "subscribes to list "
                + list.list()
                + ": a bulk import does not resubscribe a contact who"
                + " unsubscribed, a delivery on its own does");
      }
      if (!lists.has(list.list().toString(), on)) {
        return Optional.of(
            "list " + list.list() + " is not in the account: a bulk import would drop it silently");
      }
    }
    return Optional.empty();
  }

  /** {@code DELETE /api/3/contacts/{id}}: 200 deleted, 404 none such (already deleted, in the account or before). */
  @Override
  public boolean deleteContact(CrmContactId contact, DeliveryContext on) {
    AcHttp.Answer answer =
        http.restAnswer(
            on,
            new CrmRequest(
                "contacts.delete", HttpMethod.DELETE, "/contacts/" + contact.value(), null));
    if (answer.status() == 404) {
      return false;
    }
    if (answer.status() / 100 != 2) {
      throw http.classify("contacts.delete", answer, true);
    }
    return true;
  }

  @Override
  public int maxImport() {
    return AcBulkImportRequest.MAX_CONTACTS;
  }

  @Override
  public int minImport() {
    return AcBulkImportRequest.MIN_CONTACTS;
  }

  @Override
  public void changeEmail(CrmContactId contact, EmailAddress newEmail, DeliveryContext on) {
    AcHttp.Answer answer =
        http.restAnswer(
            on,
            new CrmRequest(
                "contacts.update",
                HttpMethod.PUT,
                "/contacts/" + contact.value(),
                AcRequests.ContactEmailUpdate.of(newEmail.value())));
    expectContact("contacts.update", contact, answer);
  }

  /**
   * With a reset, lists the contact's tags and deletes each (one already gone is fine); then attaches each tag,
   * finding or creating it. An answer that the contact already has the tag is success; a tag deleted in the account
   * since it was cached is found or created again, once.
   */
  @Override
  public void applyTags(CrmContactId contact, TagChange change, DeliveryContext on) {
    if (change.resetFirst()) {
      AcHttp.Answer listed =
          http.restAnswer(
              on,
              new CrmRequest(
                  "contactTags.list",
                  HttpMethod.GET,
                  "/contacts/" + contact.value() + "/contactTags",
                  Map.of(),
                  null));
      JsonNode current = expectContact("contactTags.list", contact, listed);
      for (JsonNode contactTag : current.path("contactTags")) {
        AcHttp.Answer deleted =
            http.restAnswer(
                on,
                new CrmRequest(
                    "contactTags.delete",
                    HttpMethod.DELETE,
                    "/contactTags/" + contactTag.path("id").asText(),
                    Map.of(),
                    null));
        if (deleted.status() != 404) {
          http.expectJson("contactTags.delete", deleted, true);
        }
      }
    }
    for (Tag tag : change.add().asList()) {
      AcHttp.Answer answer = attach(contact, tags.idOf(tag, on), on);
      if (answer.status() == 404 && !http.error(answer).contactGone()) {
        tags.forget(tag); // deleted in the account since it was cached
        answer = attach(contact, tags.idOf(tag, on), on);
      }
      boolean alreadyAttached = answer.status() == 422 && http.error(answer).duplicate();
      if (!alreadyAttached) {
        expectContact("contactTags.create", contact, answer);
      }
    }
  }

  private AcHttp.Answer attach(CrmContactId contact, String tagId, DeliveryContext on) {
    return http.restAnswer(
        on,
        new CrmRequest(
            "contactTags.create",
            HttpMethod.POST,
            "/contactTags",
            AcRequests.ContactTagCreate.of(contact.value(), tagId)));
  }

  @Override
  public void applyListSubscriptions(
      CrmContactId contact, List<ListSubscription> subscriptions, DeliveryContext on) {
    for (ListSubscription subscription : subscriptions) {
      expectContact(
          "contactLists.update",
          contact,
          http.restAnswer(
              on,
              new CrmRequest(
                  "contactLists.update",
                  HttpMethod.POST,
                  "/contactLists",
                  AcContactListRequest.from(contact, subscription))));
    }
  }

  /** The JSON of a 2xx answer; a 404 saying the contact does not exist is {@code CONTACT_GONE}; else classified. */
  private JsonNode expectContact(String endpoint, CrmContactId contact, AcHttp.Answer answer) {
    if (answer.status() == 404 && http.error(answer).contactGone()) {
      throw new CrmFailure(
          CrmFailure.Kind.CONTACT_GONE,
          endpoint
              + ": 404 "
              + http.error(answer).text()
              + " (contact "
              + contact.value()
              + " was deleted in ActiveCampaign)");
    }
    return http.expectJson(endpoint, answer, true);
  }
}
