package io.acdest.adapters.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.acdest.domain.call.IntegrationsFilter;
import io.acdest.domain.model.CrmAccount;
import io.acdest.domain.model.ListIdFormat;
import io.acdest.domain.port.out.AttemptLog;
import java.time.Clock;

/**
 * What every CRM's Guice module binds besides the CRM ports: the account what the service learns of it is kept under,
 * the destination's name callers use in a call's {@code integrations} object, the form of its list ids, and the
 * {@link CrmExchange} its transport files attempts through. A CRM module extends it and provides {@code
 * CrmContacts} and {@code CrmActivity}; it needs an {@link AttemptLog} and a {@link Clock} bound elsewhere.
 */
public abstract class CrmModule extends AbstractModule {
  private final CrmAccount account;
  private final String destinationName;
  private final ListIdFormat listIds;

  protected CrmModule(CrmAccount account, String destinationName, ListIdFormat listIds) {
    this.account = account;
    this.destinationName = destinationName;
    this.listIds = listIds;
  }

  @Override
  protected final void configure() {
    bind(CrmAccount.class).toInstance(account);
    bind(IntegrationsFilter.class).toInstance(new IntegrationsFilter(destinationName));
    bind(ListIdFormat.class).toInstance(listIds);
  }

  @Provides
  @Singleton
  CrmExchange exchange(AttemptLog attempts, Clock clock) {
    return new CrmExchange(attempts, clock, new ObjectMapper());
  }
}
