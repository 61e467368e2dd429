package io.acdest.bootstrap;

import com.google.inject.Module;
import io.acdest.adapters.crm.CrmKind;
import io.acdest.adapters.crm.CrmSandbox;
import io.acdest.domain.delivery.DestinationId;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRM a destination delivers to, as the settings choose it ({@code CRM}, or an entry of the destinations file):
 * its Guice module over the account the settings name, or, when they name none, over the CRM's built-in sandbox,
 * which this starts, keeps under {@code DATA_DIR/sandbox/} and stops. It knows no CRM by name: each is a {@link CrmKind} registered in {@link CrmKinds}.
 */
final class CrmConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CrmConnection.class);
  private static final String FRAME =
      "==================================================================================";

  private final ServiceSettings.ChosenCrm destination;
  private final Path dataDir;
  private Module module;
  private CrmSandbox sandbox;
  private SandboxStateFile sandboxState;

  private CrmConnection(ServiceSettings.ChosenCrm destination, Path dataDir) {
    this.destination = destination;
    this.dataDir = dataDir;
  }

  /** The destination's CRM module, starting its built-in sandbox when no account is configured. */
  static CrmConnection open(ServiceSettings.ChosenCrm destination, Path dataDir) {
    CrmConnection connection = new CrmConnection(destination, dataDir);
    try {
      CrmKind.Configured crm = destination.configured();
      connection.module = crm.account().orElseGet(() -> connection.startSandbox(crm));
      return connection;
    } catch (RuntimeException failure) {
      connection.close();
      throw failure;
    }
  }

  Module module() {
    return module;
  }

  /** The destination this connects. */
  ServiceSettings.ChosenCrm destination() {
    return destination;
  }

  /** Whether the destination is a built-in sandbox. */
  boolean sandboxed() {
    return sandbox != null;
  }

  /** What the built-in sandbox holds, for {@code GET /sandbox/state}; empty with a real account. */
  Optional<Supplier<Object>> sandboxState() {
    CrmSandbox running = sandbox;
    return running == null ? Optional.empty() : Optional.of(running::state);
  }

  /** The built-in sandbox, if it is one of {@code type}: for tests and benchmarks that drive it. */
  <T> Optional<T> sandbox(Class<T> type) {
    return Optional.ofNullable(sandbox).filter(type::isInstance).map(type::cast);
  }

  /**
   * Starts the built-in sandbox with the account it kept under {@code DATA_DIR/sandbox/}, as the service keeps what
   * it learnt of it there: after a restart, both remember the same deliveries.
   */
  private Module startSandbox(CrmKind.Configured crm) {
    // the variables' destination keeps the file it always had; a configured one, one per
    // destination
    String name =
        destination.destination().equals(DestinationId.DEFAULT)
            ? destination.kind().name()
            : destination.destination().value();
    Path file = dataDir.resolve("sandbox").resolve(name + ".json");
    CrmKind.Sandboxed started = crm.sandbox(SandboxStateFile.read(file));
    sandbox = started.sandbox();
    sandboxState = new SandboxStateFile(file, sandbox::snapshot, sandbox::changes);
    sandboxState.start();
    // INFO, framed to stand out: delivering to the sandbox is the embedded default, chosen by
    // setting no CRM, not a fault; a WARN would tell operators who run the default that
    // something is wrong (issue 27)
    LOG.info(FRAME);
    started.notice().forEach(LOG::info);
    LOG.info(FRAME);
    return started.module();
  }

  /** Keeps the sandbox's last state, then stops it; each step on its own, so one failing stops nothing else. */
  @Override
  public void close() {
    if (sandboxState != null) {
      quietly(sandboxState::close);
      sandboxState = null;
    }
    if (sandbox != null) {
      quietly(sandbox::stop);
      sandbox = null;
    }
  }

  private static void quietly(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      LOG.warn("shutdown step failed: {}", e.getMessage());
    }
  }
}
