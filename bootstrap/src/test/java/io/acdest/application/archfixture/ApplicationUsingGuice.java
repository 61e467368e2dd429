package io.acdest.application.archfixture;

import com.google.inject.Injector;

/** Deliberately breaks the rules: an application service that looks things up in the injector. */
public class ApplicationUsingGuice {
  private final Injector injector;

  public ApplicationUsingGuice(Injector injector) {
    this.injector = injector;
  }

  public Object lookUp(Class<?> type) {
    return injector.getInstance(type);
  }
}
