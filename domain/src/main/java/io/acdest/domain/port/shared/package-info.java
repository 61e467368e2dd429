/**
 * Shared ports: services that adapters offer one another and the core does not use. The request budgets
 * ({@link io.acdest.domain.port.shared.RateLimiter}) are kept by the persistence adapter, so that every instance of
 * the service shares them, and spent by each CRM adapter before it sends a request. They are declared here, beside
 * the core's own ports, so that an adapter depends on a port and never on another adapter; the core (domain and
 * application services) never calls them, and an architecture rule keeps it so.
 */
package io.acdest.domain.port.shared;
