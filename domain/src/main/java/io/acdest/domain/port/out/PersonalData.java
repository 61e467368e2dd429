package io.acdest.domain.port.out;

import io.acdest.domain.call.PersonIdentifiers;
import io.acdest.domain.model.CrmContactId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Outgoing port: everything the store holds about a person, found and erased on request; the erasure log. */
public interface PersonalData {

  /**
   * The person the identifiers name, with every identifier the contact directory links to them (the emails of
   * their ids, the ids of their emails, aliases, earlier emails) and their CRM contact ids.
   */
  Person find(PersonIdentifiers start);

  /**
   * Erases the person's messages, delivery jobs, attempts, directory entries and synced states in one transaction.
   * Their unfinished deliveries are held back first, claimed or not, so that none of them begins any more
   * ({@link DeliveryQueue#start}); one that began is waited for (at most {@code inFlightWait}), so that nothing is
   * sent or written for them after the erasure.
   */
  ErasedCounts erase(Person person, Duration inFlightWait);

  /** Files an erasure in the log (no personal data: ids of erasures and suppressions, times, counts, CRM result). */
  void record(ErasureRecord erasure);

  /** The latest erasures, newest first. */
  List<ErasureRecord> erasures(int limit);

  /** A person as the store knows them. */
  record Person(PersonIdentifiers identifiers, Set<CrmContactId> contacts) {
    public Person {
      contacts = Set.copyOf(contacts);
    }
  }

  /** What an erasure removed. */
  record ErasedCounts(long messages, long jobs, long attempts, long directoryEntries) {}

  /** One erasure: its proof. */
  record ErasureRecord(
      String id,
      Instant requestedAt,
      Instant completedAt,
      ErasedCounts erased,
      String crm,
      Optional<String> suppressionId) {}
}
