package io.acdest.application;

import io.acdest.domain.port.in.IngestCallsUseCase;
import io.acdest.domain.port.in.IngestCommand;
import io.acdest.domain.port.in.IngestReport;

/** Accepts the calls of one request, of any type, recorded together. */
public final class IngestService implements IngestCallsUseCase {
  private final CallIntake intake;

  public IngestService(CallIntake intake) {
    this.intake = intake;
  }

  @Override
  public IngestReport ingest(IngestCommand command) {
    return intake.accept(command.calls(), command.strict());
  }
}
