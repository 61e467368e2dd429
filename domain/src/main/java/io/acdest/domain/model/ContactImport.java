package io.acdest.domain.model;

import java.util.List;

/**
 * One contact of a bulk import: its fields, the tags to add and the list statuses to set. Only identifies whose
 * meaning fits an import become one (see {@code IdentifyCall.asImport}): no tag reset, no email change, and a
 * contact that may be created.
 */
public record ContactImport(Contact contact, TagSet tags, List<ListSubscription> lists) {
  public ContactImport {
    if (contact == null || tags == null) {
      throw new IllegalArgumentException("a contact import needs its contact and tags");
    }
    lists = List.copyOf(lists);
  }
}
