/**
 * The pure domain: the CRM-neutral model, every mapping rule of the product specification (docs/behaviour.md §3), and
 * the ports through which the outside world drives the service and the service reaches the outside world.
 * Plain Java only: no framework, no JSON library, no logging (enforced by ArchitectureTest).
 */
package io.acdest.domain;
