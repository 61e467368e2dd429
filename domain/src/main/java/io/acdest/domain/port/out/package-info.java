/**
 * Outgoing ports: what the core needs from the outside (the CRM, the message log, the delivery queue, the
 * contact directory), named for the role, never for a vendor. Time comes from an injected
 * {@link java.time.Clock}, the JDK's own port for it.
 */
package io.acdest.domain.port.out;
