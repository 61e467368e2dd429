package io.acdest.domain.model;

/** The CRM's own identifier of a contact (opaque to the core). */
public record CrmContactId(String value) {
  public CrmContactId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a CRM contact id must not be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
