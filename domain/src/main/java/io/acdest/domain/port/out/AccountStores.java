package io.acdest.domain.port.out;

import io.acdest.domain.model.CrmAccount;

/**
 * Outgoing port: the stores kept per CRM account, one of each per account however many destinations write it, so
 * that two destinations on one account share what it answered (the contact ids and synced states), and an erasure
 * finds the person's contacts there.
 */
public interface AccountStores {

  /** The contact directory with {@code account}'s CRM ids and synced states. */
  ContactDirectory directory(CrmAccount account);

  /** The person's data, with their contacts in {@code account}. */
  PersonalData personalData(CrmAccount account);
}
