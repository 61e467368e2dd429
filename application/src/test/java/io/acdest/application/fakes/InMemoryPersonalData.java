package io.acdest.application.fakes;

import io.acdest.domain.call.PersonIdentifiers;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.port.out.PersonalData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In-memory personal data for the erasure use case's own tests: a person is what they were told to be (the
 * directory's links are the PostgreSQL adapter's, tested there), erasures are remembered in order.
 */
public final class InMemoryPersonalData implements PersonalData {
  private final Map<PersonIdentifiers, Set<CrmContactId>> contacts = new HashMap<>();
  private final List<Person> erased = new ArrayList<>();
  private final List<ErasureRecord> log = new ArrayList<>();

  /** The person these identifiers name has these CRM contacts. */
  public synchronized void knows(PersonIdentifiers who, Set<CrmContactId> their) {
    contacts.put(who, Set.copyOf(their));
  }

  @Override
  public synchronized Person find(PersonIdentifiers start) {
    return new Person(start, contacts.getOrDefault(start, Set.of()));
  }

  @Override
  public synchronized ErasedCounts erase(Person person, Duration inFlightWait) {
    erased.add(person);
    return new ErasedCounts(1, 1, 0, 1);
  }

  @Override
  public synchronized void record(ErasureRecord erasure) {
    log.add(0, erasure);
  }

  @Override
  public synchronized List<ErasureRecord> erasures(int limit) {
    return log.stream().limit(limit).toList();
  }

  /** The people erased, in order. */
  public synchronized List<Person> erased() {
    return List.copyOf(erased);
  }
}
