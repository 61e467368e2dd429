package io.acdest.domain.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Deliberately breaks the rules: a domain class that parses JSON itself, and carries the vendor's name. */
public class DomainUsingJackson {
  public String toJson(Object value) throws Exception {
    return new ObjectMapper().writeValueAsString(value);
  }

  /** A port named for the vendor instead of the role. */
  public interface ActiveCampaignContacts {}

  /** A domain type that speaks one CRM's language. */
  public record FieldDefinition(String id, String perstag) {}
}
