package io.acdest.application.fakes;

import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.port.out.ContactDirectory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory contact directory, with aliases. */
public final class InMemoryContactDirectory implements ContactDirectory {
  private final Map<String, Entry> byUserId = new HashMap<>();
  private final Map<String, Entry> byAnonymousId = new HashMap<>();
  private final Map<String, String> aliases = new HashMap<>();
  private final Map<CrmContactId, SyncedState> synced = new HashMap<>();

  @Override
  public synchronized Optional<Entry> findByUserId(String userId) {
    return Optional.ofNullable(byUserId.get(userId)).or(() -> viaAlias(userId));
  }

  @Override
  public synchronized Optional<Entry> findByAnonymousId(String anonymousId) {
    return Optional.ofNullable(byAnonymousId.get(anonymousId)).or(() -> viaAlias(anonymousId));
  }

  private Optional<Entry> viaAlias(String previousId) {
    return Optional.ofNullable(aliases.get(previousId)).map(byUserId::get);
  }

  @Override
  public synchronized void remember(UserIdentity identity, EmailAddress email, CrmContactId contact) {
    identity.userId().ifPresent(id -> byUserId.put(id, updated(byUserId.get(id), email, contact)));
    identity.anonymousId().ifPresent(id -> byAnonymousId.put(id, updated(byAnonymousId.get(id), email, contact)));
  }

  private static Entry updated(Entry known, EmailAddress email, CrmContactId contact) {
    Optional<EmailAddress> previous = known == null ? Optional.empty()
        : known.email().equals(email) ? known.previousEmail() : Optional.of(known.email());
    return new Entry(email, Optional.of(contact), previous);
  }

  @Override
  public synchronized void rememberEmail(UserIdentity identity, EmailAddress email) {
    identity.userId().ifPresent(id -> byUserId.put(id, updatedEmail(byUserId.get(id), email)));
    identity.anonymousId().ifPresent(id -> byAnonymousId.put(id, updatedEmail(byAnonymousId.get(id), email)));
  }

  private static Entry updatedEmail(Entry known, EmailAddress email) {
    if (known == null) {
      return new Entry(email, Optional.empty());
    }
    return known.email().equals(email) ? known : new Entry(email, Optional.empty(), Optional.of(known.email()));
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
    for (Map<String, Entry> entries : java.util.List.of(byUserId, byAnonymousId)) {
      entries.replaceAll((id, entry) -> entry.contact().filter(contact::equals).isPresent()
          ? new Entry(entry.email(), Optional.empty(), entry.previousEmail()) : entry);
    }
    synced.remove(contact);
  }

  @Override
  public synchronized void alias(String previousId, String userId) {
    aliases.put(previousId, userId);
  }

  @Override
  public synchronized java.util.Set<String> aliasesOf(String userId) {
    java.util.Set<String> previous = new java.util.TreeSet<>();
    aliases.forEach((from, to) -> {
      if (to.equals(userId)) {
        previous.add(from);
      }
    });
    return previous;
  }
}
