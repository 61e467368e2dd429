package io.acdest.application;

import io.acdest.domain.call.IdentifyCall;
import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.model.Contact;
import io.acdest.domain.model.ContactCreation;
import io.acdest.domain.model.ContactFingerprint;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListId;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.Tag;
import io.acdest.domain.model.TagChange;
import io.acdest.domain.model.TagSet;
import io.acdest.domain.port.in.IdentifyUseCase;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.out.ContactDirectory.SyncedState;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.CrmFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identify use case: delivers a stored identify as a contact sync with its tags and lists, sending only what
 * changed since the service last synced the contact, or a backlog of them as bulk imports.
 */
public final class IdentifyService implements IdentifyUseCase {
  /** Marks a synced fingerprint whose traits some custom field did not take: it never matches a new identify's. */
  static final String UNMATCHED_FIELDS = "unmatched:";

  private final CrmContacts crm;
  private final ContactDirectory directory;
  private final Clock clock;
  private final Duration unchangedHorizon;

  /**
   * @param unchangedHorizon how long what the service synced to a contact is trusted: within it, an identify that
   *     changes nothing sends nothing, and one that changes something sends only the difference
   */
  public IdentifyService(
      CrmContacts crm, ContactDirectory directory, Clock clock, Duration unchangedHorizon) {
    this.crm = crm;
    this.directory = directory;
    this.clock = clock;
    this.unchangedHorizon = unchangedHorizon;
  }

  /**
   * Delivers a mapped identify (docs/behaviour.md §3): find the email (its own, else the directory's); a known user
   * with a new email changes the existing contact's email; a contact is only created with email and name; then the
   * contact
   * and its custom fields in one sync, its tag change, its list statuses — each only when it differs from what
   * was last synced within the horizon — and the directory learns the user and what was synced.
   */
  @Override
  public DeliveryOutcome deliver(IdentifyCall call, DeliveryContext on) {
    Optional<EmailAddress> known =
        call.envelope()
            .identity()
            .userId()
            .flatMap(directory::findByUserId)
            .map(ContactDirectory.Entry::email);
    boolean refusedChange =
        !call.mayChangeEmail()
            && call.email().isPresent()
            && known.isPresent()
            && !known.get().equals(call.email().get());
    if (!refusedChange) {
      return deliverDrifting(call, on);
    }
    // a source that may not change a known user's email (a browser's public write key): the rest
    // goes to the contact
    // the user has
    DeliveryOutcome outcome = deliverDrifting(call.withoutEmail(), on);
    String note = "the new email was not applied: this source may not change a known user's email";
    return outcome instanceof DeliveryOutcome.Delivered delivered
        ? new DeliveryOutcome.Delivered(
            delivered.unmapped(),
            Optional.of(note + delivered.note().map(other -> "; " + other).orElse("")))
        : outcome;
  }

  /** Delivers, and once more as to a new contact when the CRM says the contact was deleted there. */
  private DeliveryOutcome deliverDrifting(IdentifyCall call, DeliveryContext on) {
    try {
      return deliverOnce(call, on);
    } catch (CrmFailure failure) {
      Optional<CrmContactId> stale =
          lookup(call.envelope().identity()).flatMap(ContactDirectory.Entry::contact);
      if (failure.kind() != CrmFailure.Kind.CONTACT_GONE || stale.isEmpty()) {
        throw failure;
      }
      // deleted in the CRM by someone else (docs/behaviour.md §4: drift is recovered from): forget
      // it and deliver as
      // to a new contact,
      // which finds or creates it by email; a second disappearance is left to the retry
      directory.forgetContact(stale.get());
      DeliveryOutcome again = deliverOnce(call, on);
      String note =
          "the contact "
              + stale.get().value()
              + " was deleted in the CRM; found or created again by email";
      return again instanceof DeliveryOutcome.Delivered delivered && delivered.note().isEmpty()
          ? new DeliveryOutcome.Delivered(delivered.unmapped(), Optional.of(note))
          : again;
    }
  }

  private DeliveryOutcome deliverOnce(IdentifyCall call, DeliveryContext on) {
    UserIdentity identity = call.envelope().identity();
    Optional<ContactDirectory.Entry> known = lookup(identity);
    Optional<EmailAddress> email = call.email().or(() -> known.map(ContactDirectory.Entry::email));
    if (email.isEmpty()) {
      return new DeliveryOutcome.Skipped(
          "no email: the identify has none and the contact directory knows none for this user");
    }
    Optional<CrmContactId> knownContact = known.flatMap(ContactDirectory.Entry::contact);
    boolean emailChanged = known.isPresent() && !known.get().email().equals(email.get());
    // the email the service last synced to the contact: the old one when the contact's email is
    // changed below
    EmailAddress syncedEmail = email.get();
    if (emailChanged && identity.userId().isPresent() && knownContact.isPresent()) {
      crm.changeEmail(knownContact.get(), email.get(), on);
      syncedEmail = known.get().email();
    } else if (emailChanged) {
      knownContact = Optional.empty();
    }
    boolean changedInCrm = !syncedEmail.equals(email.get());

    Contact contact = call.toContact(email.get());
    EmailAddress expected = syncedEmail;
    Optional<SyncedState> synced =
        knownContact
            .flatMap(directory::lastSynced)
            .filter(state -> state.email().equals(expected))
            .filter(state -> state.syncedAt().plus(unchangedHorizon).isAfter(clock.instant()));
    if (synced.isEmpty()
        && contact.creation() == ContactCreation.MISSING_NAME
        && knownContact.isEmpty()
        && crm.findByEmail(email.get(), on).isEmpty()) {
      return new DeliveryOutcome.Skipped(ContactCreation.MISSING_NAME.reason());
    }

    String fingerprint = ContactFingerprint.of(contact);
    // after an email change, the contact's other fields are compared as they were synced, under the
    // old email: the
    // change itself was just sent, and only what else differs is (an email change costs the change
    // plus what changed)
    String comparable =
        changedInCrm ? ContactFingerprint.of(contact.withEmail(syncedEmail)) : fingerprint;
    boolean fieldsChanged = synced.map(s -> !s.fieldsFingerprint().equals(comparable)).orElse(true);
    TagSet tagsToAttach =
        call.tags().resetFirst() || synced.isEmpty()
            ? call.tags().add()
            : call.tags().add().diff(synced.get().tags());
    TagChange tagChange = new TagChange(call.tags().resetFirst(), tagsToAttach);
    List<ListSubscription> listChanges =
        synced.isEmpty()
            ? call.lists()
            : call.lists().stream()
                .filter(l -> synced.get().lists().get(l.list()) != l.status())
                .toList();
    if (synced.isPresent()
        && !changedInCrm
        && !fieldsChanged
        && tagChange.isEmpty()
        && listChanges.isEmpty()) {
      return new DeliveryOutcome.Delivered(
          call.unmapped(),
          Optional.of(
              "unchanged: nothing differs from what was synced at " + synced.get().syncedAt()));
    }

    List<String> unmapped = new ArrayList<>(call.unmapped());
    CrmContactId contactId;
    String syncedFingerprint = fingerprint;
    if (fieldsChanged || knownContact.isEmpty()) {
      CrmContacts.ContactSync sync = crm.sync(contact, on);
      contactId = sync.contact();
      sync.unmatchedFields()
          .forEach(trait -> unmapped.add(trait + ": no custom field with this key or name"));
      if (!sync.unmatchedFields().isEmpty()) {
        // what no field took was not synced: the next identify with these traits is sent again, so
        // that a field
        // created since (or a replay of this identify) delivers their values
        syncedFingerprint = UNMATCHED_FIELDS + fingerprint;
      }
    } else {
      contactId = knownContact.get();
    }
    if (!tagChange.isEmpty()) {
      crm.applyTags(contactId, tagChange, on);
    }
    if (!listChanges.isEmpty()) {
      crm.applyListSubscriptions(contactId, listChanges, on);
    }
    directory.remember(identity, email.get(), contactId);
    directory.rememberSynced(
        new SyncedState(
            contactId,
            email.get(),
            tagsAfter(synced, call.tags()),
            listsAfter(synced, call.lists()),
            syncedFingerprint,
            clock.instant()));
    return new DeliveryOutcome.Delivered(unmapped);
  }

  /**
   * True when this identify may go out in a bulk import: it fits one (its own email, a name, no tag reset), it
   * does not change a known user's email, and the contact is not one synced within the horizon (for those the
   * difference alone costs less, often nothing).
   */
  @Override
  public boolean fitsImport(IdentifyCall call) {
    if (call.asImport().isEmpty()) {
      return false;
    }
    Optional<ContactDirectory.Entry> known = lookup(call.envelope().identity());
    if (known.isPresent() && !known.get().email().equals(call.email().orElseThrow())) {
      return false;
    }
    return known
        .flatMap(ContactDirectory.Entry::contact)
        .flatMap(directory::lastSynced)
        .filter(state -> state.syncedAt().plus(unchangedHorizon).isAfter(clock.instant()))
        .isEmpty();
  }

  /**
   * Whether an import gives this identify (one that {@link #fitsImport fits}) the outcome it would have on its own:
   * the CRM may say it would not (a list the account does not have, which an import drops silently).
   */
  @Override
  public boolean importsAlike(IdentifyCall call, DeliveryContext on) {
    return crm.whyNotInImport(call.asImport().orElseThrow(), on).isEmpty();
  }

  /**
   * Delivers identifies that fit a bulk import as one import request; the directory learns the email of each user
   * imported. Returns, per identify, the traits that updated nothing, or nothing when the CRM refused that contact
   * within the import (it is then delivered on its own).
   */
  @Override
  public List<Optional<List<String>>> importAll(List<IdentifyCall> calls, DeliveryContext on) {
    List<CrmContacts.Imported> imported =
        crm.importContacts(calls.stream().map(c -> c.asImport().orElseThrow()).toList(), on);
    if (imported.size() != calls.size()) {
      throw new IllegalStateException(
          "the CRM answered for " + imported.size() + " of " + calls.size() + " contacts imported");
    }
    List<Optional<List<String>>> unmapped = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      IdentifyCall call = calls.get(i);
      if (imported.get(i).refused().isPresent()) {
        unmapped.add(Optional.empty());
        continue;
      }
      directory.rememberEmail(call.envelope().identity(), call.email().orElseThrow());
      List<String> traits = new ArrayList<>(call.unmapped());
      imported
          .get(i)
          .unmatchedFields()
          .forEach(trait -> traits.add(trait + ": no custom field with this key or name"));
      unmapped.add(Optional.of(traits));
    }
    return unmapped;
  }

  /** The most contacts one bulk import carries. */
  @Override
  public int maxImport() {
    return crm.maxImport();
  }

  /** The fewest contacts worth a bulk import. */
  @Override
  public int minImport() {
    return crm.minImport();
  }

  /** The tags the service knows the contact has after this change. */
  private static TagSet tagsAfter(Optional<SyncedState> before, TagChange change) {
    List<Tag> tags = new ArrayList<>();
    if (!change.resetFirst()) {
      before.ifPresent(state -> tags.addAll(state.tags().asList()));
    }
    tags.addAll(change.add().asList());
    return TagSet.of(tags);
  }

  /** The list statuses the service knows the contact has after this change. */
  private static Map<ListId, ListSubscription.Status> listsAfter(
      Optional<SyncedState> before, List<ListSubscription> changes) {
    Map<ListId, ListSubscription.Status> lists =
        new LinkedHashMap<>(before.map(SyncedState::lists).orElse(Map.of()));
    changes.forEach(change -> lists.put(change.list(), change.status()));
    return lists;
  }

  private Optional<ContactDirectory.Entry> lookup(UserIdentity identity) {
    return identity
        .userId()
        .flatMap(directory::findByUserId)
        .or(() -> identity.anonymousId().flatMap(directory::findByAnonymousId));
  }
}
