package io.acdest.domain.port.out;

import io.acdest.domain.delivery.DeliveryContext;
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
 * {@link CrmFailure}, which says whether to retry. Each method that may send a request is told, by a
 * {@link DeliveryContext}, which jobs it is made for: the adapter files every request it makes as their attempt.
 */
public interface CrmContacts {

  /** The contact with this email, if the CRM has one. */
  Optional<CrmContactId> findByEmail(EmailAddress email, DeliveryContext on);

  /**
   * Creates or updates the contact with this email, basic fields and custom fields together, and reports the
   * custom fields the CRM has no field for.
   */
  ContactSync sync(Contact contact, DeliveryContext on);

  /** Changes the email of an existing contact (a known user who identified with a new email). */
  void changeEmail(CrmContactId contact, EmailAddress newEmail, DeliveryContext on);

  /** Applies a tag change: when it asks, removes every tag first; then attaches its tags (already attached is fine). */
  void applyTags(CrmContactId contact, TagChange change, DeliveryContext on);

  /** Sets the contact's status on each list. */
  void applyListSubscriptions(
      CrmContactId contact, List<ListSubscription> subscriptions, DeliveryContext on);

  /**
   * Creates or updates many contacts in one request (a bulk import): fields, tags added, list statuses. Returns,
   * per contact and in order, what became of it: imported, with the traits no custom field matched, or refused by
   * the CRM (the caller then delivers that one on its own, where the CRM's answer is classified). The CRM assigns no
   * ids the caller learns.
   */
  List<Imported> importContacts(List<ContactImport> contacts, DeliveryContext on);

  /**
   * Why this contact would end differently in a bulk import than on its own, or empty when an import gives it the
   * same outcome. Some CRMs report an import's refusals only later, to a callback, or apply part of it otherwise (a
   * list the account does not have dropped silently): such a contact is delivered on its own instead, where the
   * CRM's answer is classified like any other, so that one input has one outcome whatever the path.
   */
  Optional<String> whyNotInImport(ContactImport contact, DeliveryContext on);

  /** Deletes the contact (a person's erasure); false when the CRM has no such contact. */
  boolean deleteContact(CrmContactId contact, DeliveryContext on);

  /** The most contacts one {@link #importContacts} request may carry. */
  int maxImport();

  /**
   * The fewest contacts worth one {@link #importContacts} request: fewer go one by one (an import is processed
   * later by the CRM, one by one they are in at once).
   */
  int minImport();

  /**
   * What became of one contact of an import: the traits no CRM custom field matched, or, when the CRM refused the
   * contact within the import, why.
   */
  record Imported(List<String> unmatchedFields, Optional<String> refused) {
    public Imported {
      unmatchedFields = List.copyOf(unmatchedFields);
    }

    /** Imported, with the traits no custom field matched. */
    public static Imported withUnmatched(List<String> unmatchedFields) {
      return new Imported(unmatchedFields, Optional.empty());
    }

    /** Refused within the import, for this reason. */
    public static Imported refusedFor(String reason) {
      return new Imported(List.of(), Optional.of(reason));
    }
  }

  /** The result of a contact sync: the contact's id, and traits no CRM custom field matched. */
  record ContactSync(CrmContactId contact, List<String> unmatchedFields) {
    public ContactSync {
      unmatchedFields = List.copyOf(unmatchedFields);
    }
  }
}
