package io.acdest.application;

import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.port.in.ErasureUseCase;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.PersonalData;
import io.acdest.domain.port.out.PersonalData.ErasureRecord;
import io.acdest.domain.port.out.Suppressions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The erasure use case. In order: the person is found with everything the directory links to them; suppressed
 * first when asked (so a call arriving meanwhile is already kept out); their CRM contacts looked up while the
 * directory still knows them; the store erased; the contacts deleted in the CRM when asked, each retried like a
 * delivery (transient failures and throttling back off, up to {@value #CRM_TRIES} tries); and the erasure logged.
 */
public final class ErasureService implements ErasureUseCase {
  static final int CRM_TRIES = 5;
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final int MAX_LOG = 1_000;

  private final PersonalData data;
  private final Suppressions suppressions;
  private final Map<DestinationId, CrmContacts> crms;
  private final Clock clock;
  private final Duration inFlightWait;

  /** @param inFlightWait how long an erasure waits for a delivery of the person already in flight (the lease) */
  public ErasureService(
      PersonalData data,
      Suppressions suppressions,
      CrmContacts crm,
      Clock clock,
      Duration inFlightWait) {
    this(data, suppressions, Map.of(DestinationId.DEFAULT, crm), clock, inFlightWait);
  }

  /**
   * @param crms each destination's CRM, the first the one whose contact ids {@code data} knows: the person's
   *     contacts are looked up and deleted in each, and the result reports each
   */
  public ErasureService(
      PersonalData data,
      Suppressions suppressions,
      Map<DestinationId, CrmContacts> crms,
      Clock clock,
      Duration inFlightWait) {
    this.data = data;
    this.suppressions = suppressions;
    this.crms = new LinkedHashMap<>(crms);
    this.clock = clock;
    this.inFlightWait = inFlightWait;
  }

  @Override
  public ErasureRecord erase(ErasureRequest request) {
    Instant requested = clock.instant();
    PersonalData.Person person = data.find(request.who());
    Optional<String> suppression =
        request.suppress()
            ? Optional.of(suppressions.suppress(person.identifiers().hashes(), requested))
            : Optional.empty();
    // each destination's contacts of the person: those the directory knows (of the first
    // destination's account),
    // and those its CRM finds by email, looked up while the directory still knows the emails
    Map<DestinationId, Set<CrmContactId>> contacts = new LinkedHashMap<>();
    Map<DestinationId, String> results = new LinkedHashMap<>();
    boolean first = true;
    for (Map.Entry<DestinationId, CrmContacts> crm : crms.entrySet()) {
      Set<CrmContactId> theirs =
          first ? new LinkedHashSet<>(person.contacts()) : new LinkedHashSet<>();
      first = false;
      contacts.put(crm.getKey(), theirs);
      if (!request.crm()) {
        results.put(crm.getKey(), "not asked");
        continue;
      }
      try {
        for (EmailAddress email : person.identifiers().emails()) {
          withRetries(() -> crm.getValue().findByEmail(email, DeliveryContext.NONE))
              .ifPresent(theirs::add);
        }
      } catch (CrmFailure failure) {
        results.put(crm.getKey(), "failed: could not look the contact up: " + failure.getMessage());
      }
    }
    PersonalData.ErasedCounts erased = data.erase(person, inFlightWait);
    for (Map.Entry<DestinationId, CrmContacts> crm : crms.entrySet()) {
      if (!results.containsKey(crm.getKey())) {
        results.put(crm.getKey(), deleteInCrm(crm.getValue(), contacts.get(crm.getKey())));
      }
    }
    String crmResult =
        results.size() == 1 && results.containsKey(DestinationId.DEFAULT)
            ? results.get(DestinationId.DEFAULT)
            : results.entrySet().stream()
                .map(result -> result.getKey() + ": " + result.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    ErasureRecord record =
        new ErasureRecord(
            UUID.randomUUID().toString(),
            requested,
            clock.instant(),
            erased,
            crmResult,
            suppression);
    data.record(record);
    return record;
  }

  private String deleteInCrm(CrmContacts crm, Set<CrmContactId> contacts) {
    int deleted = 0;
    int missing = 0;
    for (CrmContactId contact : contacts) {
      try {
        if (withRetries(() -> crm.deleteContact(contact, DeliveryContext.NONE))) {
          deleted++;
        } else {
          missing++;
        }
      } catch (CrmFailure failure) {
        return "failed after deleting "
            + deleted
            + " of "
            + contacts.size()
            + " contacts: "
            + failure.getMessage()
            + " (send the erasure again to retry)";
      }
    }
    if (contacts.isEmpty()) {
      return "no contact in the CRM";
    }
    return "deleted "
        + deleted
        + " contact"
        + (deleted == 1 ? "" : "s")
        + " in the CRM"
        + (missing > 0 ? " (" + missing + " already gone)" : "");
  }

  /** A CRM request, tried again after transient failures and throttling, as a delivery would be. */
  private <T> T withRetries(java.util.function.Supplier<T> request) {
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (CrmFailure failure) {
        boolean again =
            failure.kind() == CrmFailure.Kind.TRANSIENT
                || failure.kind() == CrmFailure.Kind.THROTTLED;
        if (!again || attempt >= CRM_TRIES) {
          throw failure;
        }
        Duration floor = backoff;
        Duration wait =
            failure.retryAfter().filter(after -> after.compareTo(floor) > 0).orElse(floor);
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          throw failure;
        }
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  @Override
  public List<ErasureRecord> erasures(int limit) {
    return data.erasures(Math.max(1, Math.min(limit, MAX_LOG)));
  }

  @Override
  public boolean liftSuppression(String suppressionId) {
    return suppressions.lift(suppressionId);
  }
}
