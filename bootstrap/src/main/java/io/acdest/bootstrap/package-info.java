/** The composition root: Guice wiring of the application services and the adapters, and typed settings. */
package io.acdest.bootstrap;
