package io.acdest.domain.model;

/**
 * The CRM account the service delivers to, as an opaque id that names it without a secret (its API address and
 * account). What the service learns of a CRM (the ids it gives contacts, what the service last synced
 * to each) belongs to the account it learnt it from: pointed at another account, the service starts afresh for it.
 */
public record CrmAccount(String id) {
  public CrmAccount {
    if (id == null || id.isBlank()) {
      throw new InvalidField("account", "must name the CRM account");
    }
  }
}
