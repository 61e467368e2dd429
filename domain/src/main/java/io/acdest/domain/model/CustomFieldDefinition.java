package io.acdest.domain.model;

/** A custom field as the CRM defines it: its id, personalization tag and title. */
public record CustomFieldDefinition(String id, String perstag, String title) {
  public CustomFieldDefinition {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a custom field needs an id");
    }
    perstag = perstag == null ? "" : perstag;
    title = title == null ? "" : title;
  }
}
