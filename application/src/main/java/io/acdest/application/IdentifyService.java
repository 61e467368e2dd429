package io.acdest.application;

import io.acdest.domain.call.IdentifyCall;
import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.model.Contact;
import io.acdest.domain.model.ContactCreation;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.port.in.AcceptResult;
import io.acdest.domain.port.in.IdentifyCommand;
import io.acdest.domain.port.in.IdentifyUseCase;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.out.CrmContacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The identify use case: accepts identifies, and delivers one as a contact sync with its tags and lists. */
public final class IdentifyService implements IdentifyUseCase {
  private final CallIntake intake;
  private final CrmContacts crm;
  private final ContactDirectory directory;

  public IdentifyService(CallIntake intake, CrmContacts crm, ContactDirectory directory) {
    this.intake = intake;
    this.crm = crm;
    this.directory = directory;
  }

  @Override
  public AcceptResult identify(IdentifyCommand command) {
    return intake.acceptOne(command.call(), command.strict());
  }

  /**
   * Delivers a mapped identify (§3): find the email (its own, else the directory's); a known user with a new
   * email changes the existing contact's email; a contact is only created with email and name; then the contact
   * and its custom fields in one sync, its tag change, its list statuses; and the directory learns the user.
   */
  DeliveryOutcome deliver(IdentifyCall call) {
    UserIdentity identity = call.envelope().identity();
    Optional<ContactDirectory.Entry> known = lookup(identity);
    Optional<EmailAddress> email = call.email().or(() -> known.map(ContactDirectory.Entry::email));
    if (email.isEmpty()) {
      return new DeliveryOutcome.Skipped(
          "no email: the identify has none and the contact directory knows none for this user");
    }
    Optional<CrmContactId> knownContact = known.flatMap(ContactDirectory.Entry::contact);
    boolean emailChanged = known.isPresent() && !known.get().email().equals(email.get());
    if (emailChanged && identity.userId().isPresent() && knownContact.isPresent()) {
      crm.changeEmail(knownContact.get(), email.get());
    } else if (emailChanged) {
      knownContact = Optional.empty();
    }

    Contact contact = call.toContact(email.get());
    if (contact.creation() == ContactCreation.MISSING_NAME
        && knownContact.isEmpty()
        && crm.findByEmail(email.get()).isEmpty()) {
      return new DeliveryOutcome.Skipped(ContactCreation.MISSING_NAME.reason());
    }
    CrmContacts.ContactSync sync = crm.sync(contact);
    if (!call.tags().isEmpty()) {
      crm.applyTags(sync.contact(), call.tags());
    }
    if (!call.lists().isEmpty()) {
      crm.applyListSubscriptions(sync.contact(), call.lists());
    }
    directory.remember(identity, email.get(), sync.contact());

    List<String> unmapped = new ArrayList<>(call.unmapped());
    sync.unmatchedFields().forEach(trait -> unmapped.add(trait + ": no custom field with this personalization tag or title"));
    return new DeliveryOutcome.Delivered(unmapped);
  }

  private Optional<ContactDirectory.Entry> lookup(UserIdentity identity) {
    return identity.userId().flatMap(directory::findByUserId)
        .or(() -> identity.anonymousId().flatMap(directory::findByAnonymousId));
  }
}
