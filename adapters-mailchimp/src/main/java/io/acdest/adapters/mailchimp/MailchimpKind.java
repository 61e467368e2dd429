package io.acdest.adapters.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Module;
import io.acdest.adapters.crm.CrmKind;
import io.acdest.adapters.crm.InvalidSettingException;
import io.acdest.adapters.crm.SettingsReader;
import io.acdest.adapters.mailchimp.sandbox.MailchimpSandbox;
import io.acdest.adapters.mailchimp.sandbox.MailchimpSandboxSettings;
import io.acdest.domain.model.CrmAccount;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Mailchimp as a CRM the service can deliver to ({@code CRM=mailchimp}): its settings (docs/operations.md), its
 * module over the audience they name, or, when they name no key, over the built-in sandbox.
 */
public final class MailchimpKind extends CrmKind {
  /** Its settings, by key: {@code apiUrl} is the variable with this kind's prefix, {@code _API_URL}. */
  private static final List<Setting> SETTINGS =
      List.of(
          new Setting(
              "apiKey",
              "(unset: with CRM=mailchimp, the built-in Mailchimp sandbox)",
              "API key, <key>-<dc> (never logged)"),
          new Setting(
              "apiUrl",
              "https://<dc>.api.mailchimp.com/3.0",
              "Marketing API URL (the key's data center)"),
          new Setting(
              "audienceId", "(required with the API key)", "the audience every contact lives in"),
          new Setting(
              "statusIfNew",
              "subscribed",
              "status of a member the service creates: subscribed, pending, unsubscribed or transactional"),
          new Setting(
              "pageEvents",
              "false",
              "record page calls as page_viewed member events (else skipped)"),
          new Setting(
              "connections",
              "10",
              "most Mailchimp requests in flight at once, shared by all instances"),
          new Setting("timeoutSeconds", "10", "timeout of every Mailchimp request"));

  public MailchimpKind() {
    super("mailchimp", SETTINGS);
  }

  @Override
  public Configured configure(SettingsReader settings) {
    MailchimpSettings.Options options =
        new MailchimpSettings.Options(
            settings.oneOf("statusIfNew", "subscribed", MailchimpSettings.STATUSES_IF_NEW),
            settings.flag("pageEvents", false),
            Duration.ofSeconds(settings.integer("timeoutSeconds", 10, 1, 120)),
            settings.integer(
                "connections",
                MailchimpSettings.DEFAULT_CONNECTIONS,
                1,
                MailchimpSettings.DEFAULT_CONNECTIONS));
    String keyIsSet = settings.nameOf("apiKey") + " is set";
    Optional<MailchimpSettings> account =
        settings
            .secret("apiKey")
            .map(
                key -> {
                  URI api;
                  try {
                    api =
                        settings
                            .text("apiUrl")
                            .map(url -> settings.url("apiUrl", url))
                            .orElseGet(() -> MailchimpSettings.defaultApiUrl(key));
                  } catch (InvalidSettingException badUrl) {
                    throw badUrl;
                  } catch (IllegalArgumentException noDataCenter) {
                    throw new InvalidSettingException(
                        settings.nameOf("apiKey")
                            + ": "
                            + noDataCenter.getMessage()
                            + " (or set "
                            + settings.nameOf("apiUrl")
                            + ")");
                  }
                  String audience =
                      settings.required(settings.text("audienceId"), "audienceId", keyIsSet);
                  return options.forAccount(api, key, audience);
                });
    return new Read(account, options, settings.nameOf("apiKey"));
  }

  /** The settings, read: an audience, or none (the sandbox), with these options. */
  record Read(
      Optional<MailchimpSettings> settings, MailchimpSettings.Options options, String apiKeyName)
      implements Configured {
    @Override
    public Optional<Module> account() {
      return settings.map(account -> new MailchimpModule(account, account.account()));
    }

    @Override
    public Sandboxed sandbox(Optional<JsonNode> kept) {
      String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)) + "-us1";
      MailchimpSandbox sandbox =
          MailchimpSandbox.startOwn(MailchimpSandboxSettings.withKey(key), 0);
      kept.ifPresent(sandbox::restore);
      String audience = sandbox.settings().audienceId();
      MailchimpSettings account = options.forAccount(URI.create(sandbox.apiUrl()), key, audience);
      return new Sandboxed(
          new MailchimpModule(account, new CrmAccount("mailchimp:" + sandbox.accountKey())),
          sandbox,
          List.of(
              apiKeyName + " is not set: delivering to the BUILT-IN MAILCHIMP SANDBOX",
              "at "
                  + sandbox.apiUrl()
                  + " (audience "
                  + audience
                  + "). Nothing reaches a real Mailchimp account.",
              "See what it received: GET /sandbox/state on this service's port."));
    }

    @Override
    public String toString() {
      return "mailchimp[" + settings.map(Object::toString).orElse("sandbox") + "]";
    }
  }
}
