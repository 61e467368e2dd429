package io.acdest.domain.model;

import java.time.Instant;
import java.util.Optional;

/** A page view to record against a contact (the CRM's site tracking). */
public record SiteVisit(
    EmailAddress email, PageUrl url, Optional<PageUrl> referrer, Instant visitedAt) {
  public SiteVisit {
    if (email == null || url == null || referrer == null || visitedAt == null) {
      throw new IllegalArgumentException("email, url, referrer and visitedAt are required");
    }
  }
}
