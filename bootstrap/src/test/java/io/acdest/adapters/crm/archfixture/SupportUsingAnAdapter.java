package io.acdest.adapters.crm.archfixture;

import io.acdest.adapters.http.TrackingJson;

/** Deliberately breaks the rules: CRM support that reaches into an adapter. */
public class SupportUsingAnAdapter {
  public Object parserOfAnAdapter() {
    return TrackingJson.create();
  }
}
