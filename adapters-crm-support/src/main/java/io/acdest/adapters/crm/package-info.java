/**
 * What every CRM adapter needs and no vendor owns: sending a prepared request and filing it as the attempts of its
 * jobs ({@link io.acdest.adapters.crm.CrmExchange}), the contract a CRM module fulfils to be chosen by configuration
 * ({@link io.acdest.adapters.crm.CrmKind}: its settings, its Guice module, its built-in sandbox), reading settings
 * with errors that name the setting ({@link io.acdest.adapters.crm.CrmSettings}) and a sandbox's loopback server.
 * It names no vendor; each CRM adapter depends on it, it on no adapter (docs/decisions/0026-crm-support-and-crm-kinds.md).
 */
package io.acdest.adapters.crm;
