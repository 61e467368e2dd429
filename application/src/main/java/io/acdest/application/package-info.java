/**
 * Application services: the use cases of {@code io.acdest.domain.port.in}, orchestrating the domain's rules over
 * the outgoing ports. Plain Java, built by plain constructors; no framework, no I/O of its own.
 */
package io.acdest.application;
