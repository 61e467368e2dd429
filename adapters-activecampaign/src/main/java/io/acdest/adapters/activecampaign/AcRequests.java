package io.acdest.adapters.activecampaign;

/** ActiveCampaign JSON bodies of the smaller requests; ids are typed as the published schema types them. */
final class AcRequests {
  private AcRequests() {}

  /** {@code POST /api/3/tags}. */
  record TagCreate(Tag tag) {
    record Tag(String tag, String tagType, String description) {}

    static TagCreate of(String name) {
      return new TagCreate(new Tag(name, "contact", ""));
    }
  }

  /** {@code POST /api/3/contactTags}: contact and tag as integers. */
  record ContactTagCreate(ContactTag contactTag) {
    record ContactTag(long contact, long tag) {}

    static ContactTagCreate of(String contactId, String tagId) {
      return new ContactTagCreate(new ContactTag(Long.parseLong(contactId), Long.parseLong(tagId)));
    }
  }

  /** {@code PUT /api/3/contacts/{id}} changing only the email. */
  record ContactEmailUpdate(Contact contact) {
    record Contact(String email) {}

    static ContactEmailUpdate of(String email) {
      return new ContactEmailUpdate(new Contact(email));
    }
  }

  /** {@code POST /api/3/siteTrackingDomains}. */
  record SiteTrackingDomainCreate(Domain siteTrackingDomain) {
    record Domain(String name) {}

    static SiteTrackingDomainCreate of(String domain) {
      return new SiteTrackingDomainCreate(new Domain(domain));
    }
  }
}
