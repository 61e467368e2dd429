package io.acdest.domain.port.in;

/** Incoming port: accept one identify call: validate and map it, record it, and queue its delivery. */
public interface IdentifyUseCase {
  AcceptResult identify(IdentifyCommand command);
}
