package io.acdest.adapters.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;

/** Guice module of the PostgreSQL persistence adapter. */
public final class PersistenceModule extends AbstractModule {
  /** The JSON mapper the adapter writes {@code jsonb} columns with. */
  @Provides
  @Singleton
  @Named("persistence.json")
  ObjectMapper persistenceJson() {
    return new ObjectMapper();
  }
}
