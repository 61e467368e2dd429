package io.acdest.domain.port.out;

import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import java.util.Optional;

/**
 * Outgoing port: the directory of users the service has seen, {@code userId}/{@code anonymousId} to email to
 * CRM contact id, so that calls without an email reach the right contact.
 */
public interface ContactDirectory {

  /** What is known of this user id (following aliases). */
  Optional<Entry> findByUserId(String userId);

  /** What is known of this anonymous id (following aliases). */
  Optional<Entry> findByAnonymousId(String anonymousId);

  /** Remembers that the user's ids belong to this email and CRM contact. */
  void remember(UserIdentity identity, EmailAddress email, CrmContactId contact);

  /** From now on, {@code previousId} (a user or anonymous id) resolves to what is known of {@code userId}. */
  void alias(String previousId, String userId);

  /** A directory entry: the user's email, and the CRM contact once one was synced. */
  record Entry(EmailAddress email, Optional<CrmContactId> contact) {}
}
