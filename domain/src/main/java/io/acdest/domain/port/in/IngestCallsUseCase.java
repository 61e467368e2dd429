package io.acdest.domain.port.in;

/**
 * Incoming port: accept a batch of calls of any type at once (one request of the tracking API). The calls are
 * recorded together, so the batch is either stored whole or not at all.
 */
public interface IngestCallsUseCase {
  IngestReport ingest(IngestCommand command);
}
