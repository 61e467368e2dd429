package io.acdest.adapters.activecampaign;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.acdest.domain.call.IntegrationsFilter;

/** Guice module of the ActiveCampaign adapter. */
public final class ActiveCampaignModule extends AbstractModule {
  /** The name callers use for this destination in a call's {@code integrations} object. */
  public static final String DESTINATION_NAME = "ActiveCampaign";

  @Provides
  @Singleton
  IntegrationsFilter integrationsFilter() {
    return new IntegrationsFilter(DESTINATION_NAME);
  }
}
