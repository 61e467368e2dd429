package io.acdest.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Module;
import io.acdest.adapters.activecampaign.ActiveCampaignModule;
import io.acdest.adapters.activecampaign.ActiveCampaignSettings;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.activecampaign.sandbox.SandboxSettings;
import io.acdest.adapters.mailchimp.MailchimpModule;
import io.acdest.adapters.mailchimp.MailchimpSettings;
import io.acdest.adapters.mailchimp.sandbox.MailchimpSandbox;
import io.acdest.adapters.mailchimp.sandbox.MailchimpSandboxSettings;
import io.acdest.domain.model.CrmAccount;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRM the service delivers to, as the settings choose it ({@code CRM}): its Guice module over the account the
 * settings name, or, when they name none, over the CRM's built-in sandbox, which this starts, keeps under {@code
 * DATA_DIR/sandbox/} and stops. {@link Launcher} only asks it for the module and the sandbox's state.
 */
final class CrmConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CrmConnection.class);
  private static final String FRAME =
      "==================================================================================";

  private final ServiceSettings settings;
  private Module module;
  private Vertx sandboxVertx;
  private ActiveCampaignSandbox sandbox;
  private MailchimpSandbox mailchimpSandbox;
  private SandboxStateFile sandboxState;

  private CrmConnection(ServiceSettings settings) {
    this.settings = settings;
  }

  /** The chosen CRM's module, starting its built-in sandbox when no account is configured. */
  static CrmConnection open(ServiceSettings settings) {
    CrmConnection connection = new CrmConnection(settings);
    try {
      connection.module =
          switch (settings.crm()) {
            case ACTIVECAMPAIGN ->
                settings
                    .activeCampaign()
                    .<Module>map(ActiveCampaignModule::new)
                    .orElseGet(connection::startActiveCampaignSandbox);
            case MAILCHIMP ->
                settings
                    .mailchimp()
                    .<Module>map(MailchimpModule::new)
                    .orElseGet(connection::startMailchimpSandbox);
          };
      return connection;
    } catch (RuntimeException failure) {
      connection.close();
      throw failure;
    }
  }

  Module module() {
    return module;
  }

  /** Whether the service delivers to a built-in sandbox. */
  boolean sandboxed() {
    return sandbox != null || mailchimpSandbox != null;
  }

  /** What the built-in sandbox holds, for {@code GET /sandbox/state}; empty with a real account. */
  Optional<Supplier<Object>> sandboxState() {
    if (sandbox != null) {
      return Optional.of(sandbox::state);
    }
    return mailchimpSandbox == null ? Optional.empty() : Optional.of(mailchimpSandbox::state);
  }

  Optional<ActiveCampaignSandbox> sandbox() {
    return Optional.ofNullable(sandbox);
  }

  Optional<MailchimpSandbox> mailchimpSandbox() {
    return Optional.ofNullable(mailchimpSandbox);
  }

  private Module startActiveCampaignSandbox() {
    String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    sandboxVertx =
        Vertx.vertx(); // its own, so the service's metrics count only the service's servers
    sandbox = ActiveCampaignSandbox.start(sandboxVertx, SandboxSettings.withKey(key), 0);
    keepState("activecampaign", sandbox::restore, sandbox::snapshot, sandbox::changes);
    LOG.warn(FRAME);
    LOG.warn(
        "ACTIVECAMPAIGN_API_URL is not set: delivering to the BUILT-IN ACTIVECAMPAIGN SANDBOX");
    LOG.warn("at {}. Nothing reaches a real ActiveCampaign account.", sandbox.baseUrl());
    LOG.warn("See what it received: GET /sandbox/state on this service's port.");
    LOG.warn(FRAME);
    ActiveCampaignSettings account =
        new ActiveCampaignSettings(
            URI.create(sandbox.baseUrl()),
            key,
            sandbox.settings().accountId(),
            Optional.of(sandbox.settings().eventKey()),
            URI.create(sandbox.trackingUrl()),
            ActiveCampaignSettings.DEFAULT_TIMEOUT,
            settings.rates());
    return new ActiveCampaignModule(
        account, new CrmAccount("activecampaign:" + sandbox.accountKey()));
  }

  private Module startMailchimpSandbox() {
    String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)) + "-us1";
    sandboxVertx =
        Vertx.vertx(); // its own, so the service's metrics count only the service's servers
    mailchimpSandbox =
        MailchimpSandbox.start(sandboxVertx, MailchimpSandboxSettings.withKey(key), 0);
    keepState(
        "mailchimp",
        mailchimpSandbox::restore,
        mailchimpSandbox::snapshot,
        mailchimpSandbox::changes);
    LOG.warn(FRAME);
    LOG.warn(
        "CRM=mailchimp and MAILCHIMP_API_KEY is not set: delivering to the BUILT-IN MAILCHIMP SANDBOX");
    LOG.warn(
        "at {} (audience {}). Nothing reaches a real Mailchimp account.",
        mailchimpSandbox.apiUrl(),
        mailchimpSandbox.settings().audienceId());
    LOG.warn("See what it received: GET /sandbox/state on this service's port.");
    LOG.warn(FRAME);
    MailchimpSettings account =
        settings
            .mailchimpOptions()
            .forAccount(
                URI.create(mailchimpSandbox.apiUrl()),
                key,
                mailchimpSandbox.settings().audienceId());
    return new MailchimpModule(
        account, new CrmAccount("mailchimp:" + mailchimpSandbox.accountKey()));
  }

  /**
   * The built-in sandbox keeps its account under {@code DATA_DIR/sandbox/}, as the service keeps what it learnt of
   * it there: after a restart, both remember the same deliveries.
   */
  private void keepState(
      String name, Consumer<JsonNode> restore, Supplier<JsonNode> snapshot, LongSupplier changes) {
    Path file = settings.dataDir().resolve("sandbox").resolve(name + ".json");
    SandboxStateFile.read(file).ifPresent(restore);
    sandboxState = new SandboxStateFile(file, snapshot, changes);
    sandboxState.start();
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
    if (mailchimpSandbox != null) {
      quietly(mailchimpSandbox::stop);
      mailchimpSandbox = null;
    }
    if (sandboxVertx != null) {
      Vertx closing = sandboxVertx;
      quietly(
          () -> {
            try {
              closing.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new IllegalStateException(e.getMessage(), e);
            }
          });
      sandboxVertx = null;
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
