package io.acdest.domain.port.out;

import io.acdest.domain.model.Contact;
import io.acdest.domain.model.ContactImport;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.TagChange;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port: the CRM's contacts, their tags and list subscriptions. Every method may throw
 * {@link CrmFailure}, which says whether to retry.
 */
public interface CrmContacts {

  /** The contact with this email, if the CRM has one. */
  Optional<CrmContactId> findByEmail(EmailAddress email);

  /**
   * Creates or updates the contact with this email, basic fields and custom fields together, and reports the
   * custom fields the CRM has no field for.
   */
  ContactSync sync(Contact contact);

  /** Changes the email of an existing contact (a known user who identified with a new email). */
  void changeEmail(CrmContactId contact, EmailAddress newEmail);

  /** Applies a tag change: when it asks, removes every tag first; then attaches its tags (already attached is fine). */
  void applyTags(CrmContactId contact, TagChange change);

  /** Sets the contact's status on each list. */
  void applyListSubscriptions(CrmContactId contact, List<ListSubscription> subscriptions);

  /**
   * Creates or updates many contacts in one request (a bulk import): fields, tags added, list statuses. Returns,
   * per contact and in order, the traits no custom field matched. The CRM assigns no ids the caller learns.
   */
  List<List<String>> importContacts(List<ContactImport> contacts);

  /** The most contacts one {@link #importContacts} request may carry. */
  int maxImport();

  /** The result of a contact sync: the contact's id, and traits no CRM custom field matched. */
  record ContactSync(CrmContactId contact, List<String> unmatchedFields) {
    public ContactSync {
      unmatchedFields = List.copyOf(unmatchedFields);
    }
  }
}
