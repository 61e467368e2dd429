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
    Entry entry = new Entry(email, Optional.of(contact));
    identity.userId().ifPresent(id -> byUserId.put(id, entry));
    identity.anonymousId().ifPresent(id -> byAnonymousId.put(id, entry));
  }

  @Override
  public synchronized void alias(String previousId, String userId) {
    aliases.put(previousId, userId);
  }
}
