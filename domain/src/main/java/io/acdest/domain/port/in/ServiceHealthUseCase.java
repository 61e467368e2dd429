package io.acdest.domain.port.in;

import java.util.Map;

/** Incoming port for probes: is the service ready, and what does each check say. */
public interface ServiceHealthUseCase {

  Health check();

  /** {@code UP}: all well. {@code DEGRADED}: calls are accepted but not delivered (a paused account). {@code DOWN}: not ready. */
  enum Status {
    UP,
    DEGRADED,
    DOWN
  }

  /** The overall status, and each check's name with {@code ok} or what is wrong. */
  record Health(Status status, Map<String, String> checks) {
    public Health {
      checks = Map.copyOf(checks);
    }
  }
}
