package io.acdest.domain.model;

/**
 * A custom field as the CRM defines it: its id, its key (the short code the CRM names the field by in requests and
 * templates, e.g. {@code SHIRT_SIZE}) and its name as people see it (e.g. {@code Shirt size}).
 */
public record CustomFieldDefinition(String id, String key, String name) {
  public CustomFieldDefinition {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a custom field needs an id");
    }
    key = key == null ? "" : key;
    name = name == null ? "" : name;
  }
}
