package io.acdest.adapters.archfixture;

import io.acdest.adapters.http.TrackingJson;
import io.acdest.application.IngestService;
import jakarta.inject.Inject;

/** Deliberately breaks the rules: calls a service, reaches into another adapter, uses field injection, prints. */
public class AdapterBreakingRules {
  @Inject IngestService service;

  public Object parserOfAnotherAdapter() {
    return TrackingJson.create();
  }

  public void shout() {
    System.out.println(service);
  }
}
