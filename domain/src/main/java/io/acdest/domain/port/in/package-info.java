/** Incoming ports: the use cases the inbound adapters and the delivery workers drive. */
package io.acdest.domain.port.in;
