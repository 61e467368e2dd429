package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Module;
import io.acdest.adapters.activecampaign.sandbox.ActiveCampaignSandbox;
import io.acdest.adapters.activecampaign.sandbox.SandboxSettings;
import io.acdest.adapters.crm.CrmKind;
import io.acdest.adapters.crm.InvalidSettingException;
import io.acdest.adapters.crm.SettingsReader;
import io.acdest.domain.model.CrmAccount;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * ActiveCampaign as a CRM the service can deliver to ({@code CRM=activecampaign}, the default): its settings
 * (docs/operations.md), its module over the account they name, or, when they name none, over the built-in sandbox.
 */
public final class ActiveCampaignKind extends CrmKind {
  /** Its settings, by key: {@code apiUrl} is the variable with this kind's prefix, {@code _API_URL}. */
  private static final List<Setting> SETTINGS =
      List.of(
          new Setting(
              "apiUrl",
              "(unset: the built-in ActiveCampaign sandbox)",
              "your account's API URL, e.g. https://<account>.api-us1.com"),
          new Setting("apiKey", "(required with the API URL)", "API key (never logged)"),
          new Setting(
              "accountId",
              "(required with the API URL)",
              "account id (actid) for event and site tracking"),
          new Setting("eventKey", "(none: track calls pause until set)", "event tracking key"),
          new Setting("trackingUrl", "https://trackcmp.net", "event and site tracking host"),
          new Setting(
              "rateLimit",
              "5",
              "REST API requests per second to the account, shared by all instances (spaced for 97 % of it)"),
          new Setting(
              "trackingRateLimit",
              "20",
              "event and site-visit requests per second to the tracking host, a budget of its own: at most this many"
                  + " leave within any one second (0: no limit)"),
          new Setting("timeoutSeconds", "10", "timeout of every ActiveCampaign request"));

  public ActiveCampaignKind() {
    super("activecampaign", SETTINGS);
  }

  @Override
  public Configured configure(SettingsReader settings) {
    Duration timeout = Duration.ofSeconds(settings.integer("timeoutSeconds", 10, 1, 120));
    ActiveCampaignRates rates =
        new ActiveCampaignRates(
            settings.decimal("rateLimit", ActiveCampaignRates.DEFAULT_REST, 0.1, 100),
            settings.decimal("trackingRateLimit", ActiveCampaignRates.DEFAULT_TRACKING, 0, 1000));
    String apiUrlIsSet = settings.nameOf("apiUrl") + " is set";
    Optional<ActiveCampaignSettings> account =
        settings
            .text("apiUrl")
            .map(
                url ->
                    new ActiveCampaignSettings(
                        settings.url("apiUrl", url),
                        settings.required(settings.secret("apiKey"), "apiKey", apiUrlIsSet),
                        settings
                            .text("accountId")
                            .orElseThrow(
                                () ->
                                    new InvalidSettingException(
                                        settings.nameOf("accountId")
                                            + " (actid) is required when "
                                            + apiUrlIsSet)),
                        settings.secret("eventKey"),
                        settings.url(
                            "trackingUrl",
                            settings
                                .text("trackingUrl")
                                .orElse(ActiveCampaignSettings.DEFAULT_TRACKING_URL.toString())),
                        timeout,
                        rates));
    return new Read(account, rates, settings.nameOf("apiUrl"));
  }

  /** The settings, read: an account, or none (the sandbox), at these rates. */
  record Read(
      Optional<ActiveCampaignSettings> settings, ActiveCampaignRates rates, String apiUrlName)
      implements Configured {
    @Override
    public Optional<Module> account() {
      return settings.map(account -> new ActiveCampaignModule(account, account.account()));
    }

    @Override
    public Sandboxed sandbox(Optional<JsonNode> kept) {
      String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
      ActiveCampaignSandbox sandbox =
          ActiveCampaignSandbox.startOwn(SandboxSettings.withKey(key), 0);
      kept.ifPresent(sandbox::restore);
      ActiveCampaignSettings account =
          new ActiveCampaignSettings(
              URI.create(sandbox.baseUrl()),
              key,
              sandbox.settings().accountId(),
              Optional.of(sandbox.settings().eventKey()),
              URI.create(sandbox.trackingUrl()),
              ActiveCampaignSettings.DEFAULT_TIMEOUT,
              rates);
      return new Sandboxed(
          new ActiveCampaignModule(
              account, new CrmAccount("activecampaign:" + sandbox.accountKey())),
          sandbox,
          List.of(
              apiUrlName + " is not set: delivering to the BUILT-IN ACTIVECAMPAIGN SANDBOX",
              "at " + sandbox.baseUrl() + ". Nothing reaches a real ActiveCampaign account.",
              "See what it received: GET /sandbox/state on this service's port."));
    }

    @Override
    public String toString() {
      return "activecampaign["
          + settings.map(Object::toString).orElse("sandbox")
          + ", rates="
          + rates
          + "]";
    }
  }
}
