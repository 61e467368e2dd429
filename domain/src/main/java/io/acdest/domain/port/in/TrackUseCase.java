package io.acdest.domain.port.in;

/** Incoming port: accept one track call: validate and map it, record it, and queue its delivery. */
public interface TrackUseCase {
  AcceptResult track(TrackCommand command);
}
