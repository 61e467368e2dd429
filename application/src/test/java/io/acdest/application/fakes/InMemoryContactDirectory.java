package io.acdest.application.fakes;

import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.port.out.ContactDirectory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * In-memory contact directory, with aliases, for one CRM account: a person's ids lead to their email, and the email
 * to the account's contact (a CRM keeps one contact per email).
 */
public final class InMemoryContactDirectory implements ContactDirectory {
  /** An id's email, and the email it had before its latest change. */
  private record Known(EmailAddress email, Optional<EmailAddress> previousEmail) {}

  private final Map<String, Known> byUserId = new HashMap<>();
  private final Map<String, Known> byAnonymousId = new HashMap<>();
  private final Map<String, String> aliases = new HashMap<>();
  private final Map<EmailAddress, CrmContactId> contacts = new HashMap<>();
  private final Map<CrmContactId, SyncedState> synced = new HashMap<>();

  @Override
  public synchronized Optional<Entry> findByUserId(String userId) {
    return Optional.ofNullable(byUserId.get(userId)).or(() -> viaAlias(userId)).map(this::entry);
  }

  @Override
  public synchronized Optional<Entry> findByAnonymousId(String anonymousId) {
    return Optional.ofNullable(byAnonymousId.get(anonymousId))
        .or(() -> viaAlias(anonymousId))
        .map(this::entry);
  }

  private Optional<Known> viaAlias(String previousId) {
    return Optional.ofNullable(aliases.get(previousId)).map(byUserId::get);
  }

  private Entry entry(Known known) {
    return new Entry(
        known.email(), Optional.ofNullable(contacts.get(known.email())), known.previousEmail());
  }

  @Override
  public synchronized void remember(
      UserIdentity identity, EmailAddress email, CrmContactId contact) {
    rememberEmail(identity, email);
    contacts.values().removeIf(contact::equals); // the contact has this email now
    contacts.put(email, contact);
  }

  @Override
  public synchronized void rememberEmail(UserIdentity identity, EmailAddress email) {
    identity.userId().ifPresent(id -> byUserId.put(id, updated(byUserId.get(id), email)));
    identity
        .anonymousId()
        .ifPresent(id -> byAnonymousId.put(id, updated(byAnonymousId.get(id), email)));
  }

  private static Known updated(Known known, EmailAddress email) {
    if (known == null) {
      return new Known(email, Optional.empty());
    }
    return known.email().equals(email) ? known : new Known(email, Optional.of(known.email()));
  }

  @Override
  public synchronized Optional<SyncedState> lastSynced(CrmContactId contact) {
    return Optional.ofNullable(synced.get(contact));
  }

  @Override
  public synchronized void rememberSynced(SyncedState state) {
    synced.put(state.contact(), state);
  }

  @Override
  public synchronized void forgetContact(CrmContactId contact) {
    contacts.values().removeIf(contact::equals);
    synced.remove(contact);
  }

  @Override
  public synchronized void alias(String previousId, String userId) {
    aliases.put(previousId, userId);
  }

  @Override
  public synchronized Set<String> aliasesOf(String userId) {
    Set<String> previous = new TreeSet<>();
    aliases.forEach(
        (from, to) -> {
          if (to.equals(userId)) {
            previous.add(from);
          }
        });
    return previous;
  }
}
