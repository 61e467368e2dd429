package io.acdest.adapters.crm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CRM's built-in sandbox, running: the account a service delivers to when its settings name no real one. The
 * service keeps its state across restarts ({@link #snapshot}, handed back to its kind's {@code sandbox(kept)} at the next start) and shows it at {@code GET
 * /sandbox/state}.
 */
public interface CrmSandbox {
  /** What it holds, as {@code GET /sandbox/state} shows it. */
  JsonNode state();

  /** What is kept across a restart. */
  JsonNode snapshot();

  /** A number that grows with every change, so that the keeper writes only when something changed. */
  long changes();

  /** Stops it and frees what it holds (the Vert.x instance it started on, when it started its own). */
  void stop();
}
