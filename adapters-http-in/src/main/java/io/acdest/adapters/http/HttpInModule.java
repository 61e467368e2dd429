package io.acdest.adapters.http;

import com.google.inject.AbstractModule;

/** Guice module of the inbound HTTP adapter. */
public final class HttpInModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(TrackingJson.class).toInstance(TrackingJson.create());
  }
}
