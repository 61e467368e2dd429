package io.acdest.application.fakes;

import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.model.Contact;
import io.acdest.domain.model.ContactImport;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.CustomFieldCatalogue;
import io.acdest.domain.model.CustomFieldDefinition;
import io.acdest.domain.model.CustomFieldKey;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListId;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.SiteVisit;
import io.acdest.domain.model.Tag;
import io.acdest.domain.model.TagChange;
import io.acdest.domain.model.TagSet;
import io.acdest.domain.model.TrackedEvent;
import io.acdest.domain.port.out.CrmActivity;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.CrmFailure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory CRM behind both CRM ports: contacts by email, tags unique ignoring case, list statuses, custom
 * fields from a catalogue, events and visits; every request is logged, and failures can be queued.
 */
public final class FakeCrm implements CrmContacts, CrmActivity {

  /** A contact as the fake CRM holds it. */
  public static final class StoredContact {
    public final CrmContactId id;
    public Contact contact;
    public TagSet tags = TagSet.empty();
    public final Map<ListId, ListSubscription.Status> lists = new LinkedHashMap<>();

    StoredContact(CrmContactId id, Contact contact) {
      this.id = id;
      this.contact = contact;
    }
  }

  private final Map<EmailAddress, StoredContact> contacts = new LinkedHashMap<>();
  private final CustomFieldCatalogue catalogue;
  private final List<String> requests = new ArrayList<>();
  private final List<TrackedEvent> events = new ArrayList<>();
  private final List<SiteVisit> visits = new ArrayList<>();
  private boolean keepsNoVisits;
  private final java.util.Set<EmailAddress> refusedInImports = new java.util.HashSet<>();
  private final Map<EmailAddress, String> keptOutOfImports = new java.util.HashMap<>();
  private final Deque<CrmFailure> failures = new ArrayDeque<>();
  private int nextId = 1;
  private int storeDownFor;

  public FakeCrm(List<CustomFieldDefinition> customFields) {
    this.catalogue = new CustomFieldCatalogue(customFields);
  }

  /** The next requests fail with these failures, one each, in order. */
  public synchronized void failNext(CrmFailure... next) {
    failures.addAll(List.of(next));
  }

  /**
   * The next {@code times} requests never go out because the store is down (as when the adapter cannot reserve a
   * rate-limit slot): they throw a plain runtime exception, not a {@link CrmFailure}.
   */
  public synchronized void storeDownForNext(int times) {
    storeDownFor = times;
  }

  private void request(String description) {
    if (storeDownFor > 0) {
      storeDownFor--;
      throw new IllegalStateException("database down: no rate-limit slot for " + description);
    }
    requests.add(description);
    CrmFailure failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public synchronized Optional<CrmContactId> findByEmail(EmailAddress email, DeliveryContext on) {
    request("findByEmail " + email);
    return Optional.ofNullable(contacts.get(email)).map(c -> c.id);
  }

  @Override
  public synchronized ContactSync sync(Contact contact, DeliveryContext on) {
    request("sync " + contact.email());
    StoredContact stored =
        contacts.computeIfAbsent(
            contact.email(),
            email -> new StoredContact(new CrmContactId(Integer.toString(nextId++)), contact));
    stored.contact = contact;
    List<String> unmatched =
        contact.customFields().values().keySet().stream()
            .filter(key -> catalogue.match(key).isEmpty())
            .map(CustomFieldKey::trait)
            .toList();
    return new ContactSync(stored.id, unmatched);
  }

  @Override
  public synchronized List<Imported> importContacts(
      List<ContactImport> imports, DeliveryContext on) {
    request("importContacts " + imports.size());
    List<Imported> unmatched = new ArrayList<>();
    for (ContactImport contactImport : imports) {
      Contact contact = contactImport.contact();
      if (refusedInImports.contains(contact.email())) {
        unmatched.add(Imported.refusedFor(contact.email() + " was refused within the import"));
        continue;
      }
      StoredContact stored =
          contacts.computeIfAbsent(
              contact.email(),
              email -> new StoredContact(new CrmContactId(Integer.toString(nextId++)), contact));
      stored.contact = contact;
      List<Tag> tags = new ArrayList<>(stored.tags.asList());
      tags.addAll(contactImport.tags().asList());
      stored.tags = TagSet.of(tags);
      for (ListSubscription subscription : contactImport.lists()) {
        // like the real import, subscribing does not re-add a contact who unsubscribed
        if (!(subscription.status() == ListSubscription.Status.SUBSCRIBED
            && stored.lists.get(subscription.list()) == ListSubscription.Status.UNSUBSCRIBED)) {
          stored.lists.put(subscription.list(), subscription.status());
        }
      }
      unmatched.add(
          Imported.withUnmatched(
              contact.customFields().values().keySet().stream()
                  .filter(key -> catalogue.match(key).isEmpty())
                  .map(CustomFieldKey::trait)
                  .toList()));
    }
    return unmatched;
  }

  @Override
  public synchronized boolean deleteContact(CrmContactId id, DeliveryContext on) {
    request("deleteContact " + id);
    return contacts.values().removeIf(c -> c.id.equals(id));
  }

  @Override
  public int maxImport() {
    return 250;
  }

  @Override
  public int minImport() {
    return 10;
  }

  @Override
  public synchronized void changeEmail(CrmContactId id, EmailAddress newEmail, DeliveryContext on) {
    request("changeEmail " + id + " " + newEmail);
    StoredContact stored = byId(id);
    contacts.remove(stored.contact.email());
    stored.contact =
        new Contact(
            newEmail,
            stored.contact.name(),
            stored.contact.phone(),
            stored.contact.externalId(),
            stored.contact.customFields());
    contacts.put(newEmail, stored);
  }

  @Override
  public synchronized void applyTags(CrmContactId id, TagChange change, DeliveryContext on) {
    request("applyTags " + id + (change.resetFirst() ? " reset" : "") + " " + change.add());
    StoredContact stored = byId(id);
    List<Tag> tags = new ArrayList<>(change.resetFirst() ? List.of() : stored.tags.asList());
    tags.addAll(change.add().asList());
    stored.tags = TagSet.of(tags);
  }

  @Override
  public synchronized void applyListSubscriptions(
      CrmContactId id, List<ListSubscription> subscriptions, DeliveryContext on) {
    request("applyLists " + id + " " + subscriptions.size());
    StoredContact stored = byId(id);
    subscriptions.forEach(s -> stored.lists.put(s.list(), s.status()));
  }

  @Override
  public synchronized Outcome trackEvent(TrackedEvent event, DeliveryContext on) {
    request("trackEvent " + event.email() + " " + event.name().value());
    events.add(event);
    return new Recorded();
  }

  @Override
  public synchronized Outcome recordVisit(SiteVisit visit, DeliveryContext on) {
    if (keepsNoVisits) {
      return new NotKept("this CRM keeps no site visits");
    }
    request("recordVisit " + visit.email() + " " + visit.url());
    visits.add(visit);
    return new Recorded();
  }

  @Override
  public synchronized Optional<String> whyNotInImport(
      ContactImport contactImport, DeliveryContext on) {
    return Optional.ofNullable(keptOutOfImports.get(contactImport.contact().email()));
  }

  /** From now on, says that this contact would end differently in an import (it goes on its own instead). */
  public synchronized void keepOutOfImports(String email, String why) {
    keptOutOfImports.put(new EmailAddress(email), why);
  }

  /** From now on, refuses this contact within an import (it may still be synced on its own). */
  public synchronized void refuseInImports(String email) {
    refusedInImports.add(new EmailAddress(email));
  }

  /** From now on, answers like a CRM that keeps no site visits. */
  public synchronized void keepNoVisits() {
    keepsNoVisits = true;
  }

  private StoredContact byId(CrmContactId id) {
    return contacts.values().stream()
        .filter(c -> c.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new CrmFailure(CrmFailure.Kind.CONTACT_GONE, "no contact " + id));
  }

  /** Deletes a contact, as someone working in the CRM would. */
  public synchronized void delete(String email) {
    contacts.remove(new EmailAddress(email));
  }

  /** Puts a contact in the CRM as if it had been created before. */
  public synchronized StoredContact existing(Contact contact) {
    StoredContact stored = new StoredContact(new CrmContactId(Integer.toString(nextId++)), contact);
    contacts.put(contact.email(), stored);
    return stored;
  }

  public synchronized Optional<StoredContact> contact(String email) {
    return Optional.ofNullable(contacts.get(new EmailAddress(email)));
  }

  public synchronized int contactCount() {
    return contacts.size();
  }

  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /** Forgets the requests seen so far (the account's state stays). */
  public synchronized void clearRequests() {
    requests.clear();
  }

  public synchronized List<TrackedEvent> events() {
    return List.copyOf(events);
  }

  public synchronized List<SiteVisit> visits() {
    return List.copyOf(visits);
  }
}
