/** Outbound adapter: PostgreSQL persistence of messages, the delivery queue and the contact directory (JDBC, Flyway). */
package io.acdest.adapters.persistence;
