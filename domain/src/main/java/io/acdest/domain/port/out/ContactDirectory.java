package io.acdest.domain.port.out;

import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListId;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.TagSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Outgoing port: the directory of users the service has seen, {@code userId}/{@code anonymousId} to email to
 * CRM contact id, so that calls without an email reach the right contact.
 */
public interface ContactDirectory {

  /** What is known of this user id (following aliases). */
  Optional<Entry> findByUserId(String userId);

  /** What is known of this anonymous id (following aliases). */
  Optional<Entry> findByAnonymousId(String anonymousId);

  /**
   * Remembers that the user's ids belong to this email and CRM contact. When a known id had another email, the
   * entry keeps that one as its {@code previousEmail}: the change stays visible.
   */
  void remember(UserIdentity identity, EmailAddress email, CrmContactId contact);

  /**
   * Remembers that the user's ids belong to this email, when the CRM contact's id is not known (a bulk import);
   * a contact id known before is kept.
   */
  void rememberEmail(UserIdentity identity, EmailAddress email);

  /**
   * The CRM no longer has this contact (deleted there): every entry that pointed at it keeps its email but loses the
   * contact id, and what was last synced to it is forgotten, so the next call finds or creates the contact again.
   */
  void forgetContact(CrmContactId contact);

  /** From now on, {@code previousId} (a user or anonymous id) resolves to what is known of {@code userId}. */
  void alias(String previousId, String userId);

  /** The previous ids aliased to this user id. */
  Set<String> aliasesOf(String userId);

  /** What the service last synced to this CRM contact, if it synced it. */
  Optional<SyncedState> lastSynced(CrmContactId contact);

  /** Remembers what was just synced to a CRM contact (replacing what was remembered before). */
  void rememberSynced(SyncedState state);

  /**
   * A directory entry: the user's email, the CRM contact once one was synced, and the email the user had before
   * their latest change of email, if they changed it.
   */
  record Entry(
      EmailAddress email, Optional<CrmContactId> contact, Optional<EmailAddress> previousEmail) {
    public Entry(EmailAddress email, Optional<CrmContactId> contact) {
      this(email, contact, Optional.empty());
    }
  }

  /**
   * The state of a CRM contact as the service last synced it: its tags, its list statuses and a fingerprint of
   * its fields, so an identify that changes nothing can be recognised.
   */
  record SyncedState(
      CrmContactId contact,
      EmailAddress email,
      TagSet tags,
      Map<ListId, ListSubscription.Status> lists,
      String fieldsFingerprint,
      Instant syncedAt) {
    public SyncedState {
      lists = Map.copyOf(lists);
    }
  }
}
