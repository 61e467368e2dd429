package io.acdest.bootstrap;

import io.acdest.adapters.activecampaign.ActiveCampaignRates;
import io.acdest.adapters.activecampaign.ActiveCampaignSettings;
import io.acdest.adapters.http.HttpLimits;
import io.acdest.adapters.http.HttpSecurity;
import io.acdest.adapters.mailchimp.MailchimpSettings;
import io.acdest.adapters.persistence.DatabaseSettings;
import io.acdest.adapters.persistence.RetentionSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the service is configured with, read once from the environment (docs/behaviour.md §6) into typed settings.
 * An invalid value stops start-up with a {@link ConfigurationException} naming the variable. Secrets never appear in
 * {@link #toString()}.
 */
public record ServiceSettings(
    int httpPort,
    Optional<DatabaseSettings> database,
    Path dataDir,
    Optional<List<String>> writeKeys,
    Optional<String> adminToken,
    Crm crm,
    Optional<ActiveCampaignSettings> activeCampaign,
    ActiveCampaignRates rates,
    Optional<MailchimpSettings> mailchimp,
    MailchimpSettings.Options mailchimpOptions,
    Optional<String> sharedSecret,
    List<String> corsAllowedOrigins,
    int deliveryWorkers,
    int activityWorkers,
    Duration deliveryLease,
    DeliverySettings delivery,
    RetentionSettings retention,
    boolean jsonLogs,
    HttpLimits http,
    HttpSecurity httpSecurity) {

  /** The CRM the service delivers to ({@code CRM}). */
  public enum Crm {
    ACTIVECAMPAIGN,
    MAILCHIMP
  }

  /** Reads the settings from environment variables. */
  public static ServiceSettings fromEnvironment(Map<String, String> env) {
    Reader r = new Reader(env);
    int poolSize = r.integer("DATABASE_POOL_SIZE", 10, 1, 200);
    Optional<DatabaseSettings> database =
        r.text("DATABASE_URL")
            .map(
                url -> {
                  try {
                    return new DatabaseSettings(
                        url,
                        r.text("DATABASE_USER").orElse(null),
                        r.text("DATABASE_PASSWORD").orElse(null),
                        new DatabaseSettings.Pool(
                            poolSize,
                            Math.min(2, poolSize),
                            Duration.ofSeconds(5),
                            Duration.ofMinutes(10),
                            Duration.ofMinutes(30)));
                  } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("DATABASE_URL: " + e.getMessage());
                  }
                });
    Optional<List<String>> writeKeys =
        r.text("WRITE_KEYS")
            .map(
                keys ->
                    Arrays.stream(keys.split(","))
                        .map(String::strip)
                        .filter(k -> !k.isEmpty())
                        .toList());
    if (writeKeys.isPresent() && writeKeys.get().isEmpty()) {
      throw new ConfigurationException("WRITE_KEYS must hold at least one key (comma-separated)");
    }
    Duration timeout = Duration.ofSeconds(r.integer("ACTIVECAMPAIGN_TIMEOUT_SECONDS", 10, 1, 120));
    ActiveCampaignRates rates =
        new ActiveCampaignRates(
            r.decimal("ACTIVECAMPAIGN_RATE_LIMIT", ActiveCampaignRates.DEFAULT_REST, 0.1, 100),
            r.decimal(
                "ACTIVECAMPAIGN_TRACKING_RATE_LIMIT",
                ActiveCampaignRates.DEFAULT_TRACKING,
                0,
                1000));
    Optional<ActiveCampaignSettings> activeCampaign =
        r.text("ACTIVECAMPAIGN_API_URL")
            .map(
                url -> {
                  URI api = r.url("ACTIVECAMPAIGN_API_URL", url);
                  String key =
                      r.text("ACTIVECAMPAIGN_API_KEY")
                          .orElseThrow(
                              () ->
                                  new ConfigurationException(
                                      "ACTIVECAMPAIGN_API_KEY is required when ACTIVECAMPAIGN_API_URL is set"));
                  String account =
                      r.text("ACTIVECAMPAIGN_ACCOUNT_ID")
                          .orElseThrow(
                              () ->
                                  new ConfigurationException(
                                      "ACTIVECAMPAIGN_ACCOUNT_ID (actid) is required when ACTIVECAMPAIGN_API_URL is set"));
                  URI tracking =
                      r.url(
                          "ACTIVECAMPAIGN_TRACKING_URL",
                          r.text("ACTIVECAMPAIGN_TRACKING_URL")
                              .orElse(ActiveCampaignSettings.DEFAULT_TRACKING_URL.toString()));
                  return new ActiveCampaignSettings(
                      api,
                      key,
                      account,
                      r.text("ACTIVECAMPAIGN_EVENT_KEY"),
                      tracking,
                      timeout,
                      rates);
                });
    Crm crm =
        switch (r.text("CRM").orElse("activecampaign").toLowerCase(java.util.Locale.ROOT)) {
          case "activecampaign" -> Crm.ACTIVECAMPAIGN;
          case "mailchimp" -> Crm.MAILCHIMP;
          default ->
              throw new ConfigurationException(
                  "CRM must be activecampaign or mailchimp, got '"
                      + r.text("CRM").orElse("")
                      + "'");
        };
    String statusIfNew = r.text("MAILCHIMP_STATUS_IF_NEW").orElse("subscribed");
    if (!MailchimpSettings.STATUSES_IF_NEW.contains(statusIfNew)) {
      throw new ConfigurationException(
          "MAILCHIMP_STATUS_IF_NEW must be one of "
              + String.join(", ", MailchimpSettings.STATUSES_IF_NEW)
              + ", got '"
              + statusIfNew
              + "'");
    }
    MailchimpSettings.Options mailchimpOptions =
        new MailchimpSettings.Options(
            statusIfNew,
            r.flag("MAILCHIMP_PAGE_EVENTS", false),
            Duration.ofSeconds(r.integer("MAILCHIMP_TIMEOUT_SECONDS", 10, 1, 120)),
            r.integer(
                "MAILCHIMP_CONNECTIONS",
                MailchimpSettings.DEFAULT_CONNECTIONS,
                1,
                MailchimpSettings.DEFAULT_CONNECTIONS));
    Optional<MailchimpSettings> mailchimp =
        r.text("MAILCHIMP_API_KEY")
            .map(
                key -> {
                  URI api;
                  try {
                    api =
                        r.text("MAILCHIMP_API_URL")
                            .map(url -> r.url("MAILCHIMP_API_URL", url))
                            .orElseGet(() -> MailchimpSettings.defaultApiUrl(key));
                  } catch (IllegalArgumentException noDataCenter) {
                    throw new ConfigurationException(
                        "MAILCHIMP_API_KEY: "
                            + noDataCenter.getMessage()
                            + " (or set MAILCHIMP_API_URL)");
                  }
                  String audience =
                      r.text("MAILCHIMP_AUDIENCE_ID")
                          .orElseThrow(
                              () ->
                                  new ConfigurationException(
                                      "MAILCHIMP_AUDIENCE_ID is required when MAILCHIMP_API_KEY is set"));
                  return mailchimpOptions.forAccount(api, key, audience);
                });
    String logFormat = r.text("LOG_FORMAT").orElse("text");
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw new ConfigurationException("LOG_FORMAT must be text or json, got '" + logFormat + "'");
    }
    return new ServiceSettings(
        r.integer("HTTP_PORT", 8080, 0, 65535),
        database,
        Path.of(r.text("DATA_DIR").orElse("./data")),
        writeKeys,
        r.text("ADMIN_TOKEN"),
        crm,
        activeCampaign,
        rates,
        mailchimp,
        mailchimpOptions,
        r.text("SEGMENT_SHARED_SECRET"),
        r.origins("CORS_ALLOWED_ORIGINS"),
        r.integer("DELIVERY_WORKERS", 4, 1, 64),
        r.integer("ACTIVITY_WORKERS", 8, 1, 128),
        Duration.ofSeconds(r.integer("DELIVERY_LEASE_SECONDS", 120, 5, 3600)),
        new DeliverySettings(
            Duration.ofHours(r.integer("RETRY_WINDOW_HOURS", 4, 1, 168)),
            Duration.ofMinutes(1),
            Duration.ofHours(r.integer("UNCHANGED_HORIZON_HOURS", 24, 0, 720)),
            r.flag("BULK_IMPORT", true)),
        new RetentionSettings(Duration.ofDays(r.integer("RETENTION_DAYS", 7, 3, 3650)), 500),
        logFormat.equals("json"),
        new HttpLimits(
            r.text("BIND_ADDRESS").orElse("0.0.0.0"),
            Duration.ofSeconds(r.integer("HTTP_HEADER_TIMEOUT_SECONDS", 10, 1, 300)),
            Duration.ofSeconds(r.integer("HTTP_IDLE_TIMEOUT_SECONDS", 60, 1, 3600)),
            r.flag("HTTP2_CLEARTEXT", false),
            r.text("INTAKE_MAX_MEGABYTES").isPresent()
                ? (long) r.integer("INTAKE_MAX_MEGABYTES", 16, 1, 4096) << 20
                : HttpLimits.defaultIntakeBytes()),
        httpSecurity(r));
  }

  private static HttpSecurity httpSecurity(Reader r) {
    HttpSecurity.SecureCookie secure =
        switch (r.text("CONSOLE_SECURE_COOKIE").orElse("auto").toLowerCase(java.util.Locale.ROOT)) {
          case "auto" -> HttpSecurity.SecureCookie.AUTO;
          case "always", "true" -> HttpSecurity.SecureCookie.ALWAYS;
          case "never", "false" -> HttpSecurity.SecureCookie.NEVER;
          default ->
              throw new ConfigurationException(
                  "CONSOLE_SECURE_COOKIE must be auto, always or never, got '"
                      + r.text("CONSOLE_SECURE_COOKIE").orElse("")
                      + "'");
        };
    Set<String> proxies = new java.util.LinkedHashSet<>();
    r.text("TRUSTED_PROXIES")
        .ifPresent(
            list ->
                Arrays.stream(list.split(","))
                    .map(String::strip)
                    .filter(p -> !p.isEmpty())
                    .forEach(
                        proxy -> {
                          if (!proxy.matches("[0-9a-fA-F:.]+")) {
                            throw new ConfigurationException(
                                "TRUSTED_PROXIES must list IP addresses (e.g. 10.0.0.5,127.0.0.1), got '"
                                    + proxy
                                    + "'");
                          }
                          proxies.add(proxy);
                        }));
    Duration idle = Duration.ofMinutes(r.integer("CONSOLE_SESSION_IDLE_MINUTES", 480, 1, 10_080));
    Duration absolute = Duration.ofHours(r.integer("CONSOLE_SESSION_MAX_HOURS", 12, 1, 720));
    if (absolute.compareTo(idle) < 0) {
      throw new ConfigurationException(
          "CONSOLE_SESSION_MAX_HOURS must be at least CONSOLE_SESSION_IDLE_MINUTES");
    }
    return new HttpSecurity(proxies, secure, idle, absolute);
  }

  @Override
  public String toString() {
    return "ServiceSettings[httpPort="
        + httpPort
        + ", database="
        + database.map(Object::toString).orElse("embedded")
        + ", dataDir="
        + dataDir
        + ", writeKeys="
        + writeKeys.map(k -> k.size() + " configured").orElse("generated")
        + ", adminToken="
        + (adminToken.isPresent() ? "***" : "none")
        + ", crm="
        + crm
        + ", activeCampaign="
        + activeCampaign.map(Object::toString).orElse("sandbox")
        + ", rates="
        + rates
        + ", mailchimp="
        + mailchimp.map(Object::toString).orElse("sandbox")
        + ", sharedSecret="
        + (sharedSecret.isPresent() ? "***" : "none")
        + ", deliveryWorkers="
        + deliveryWorkers
        + ", activityWorkers="
        + activityWorkers
        + "]";
  }

  /** Reads and checks single variables, naming the variable in every complaint. */
  private record Reader(Map<String, String> env) {
    Optional<String> text(String name) {
      return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    int integer(String name, int otherwise, int min, int max) {
      Optional<String> value = text(name);
      if (value.isEmpty()) {
        return otherwise;
      }
      try {
        int parsed = Integer.parseInt(value.get());
        if (parsed < min || parsed > max) {
          throw new NumberFormatException();
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw new ConfigurationException(
            name
                + " must be a whole number from "
                + min
                + " to "
                + max
                + ", got '"
                + value.get()
                + "'");
      }
    }

    boolean flag(String name, boolean otherwise) {
      Optional<String> value = text(name);
      if (value.isEmpty()) {
        return otherwise;
      }
      return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "1", "yes" -> true;
        case "false", "0", "no" -> false;
        default ->
            throw new ConfigurationException(
                name + " must be true or false, got '" + value.get() + "'");
      };
    }

    double decimal(String name, double otherwise, double min, double max) {
      Optional<String> value = text(name);
      if (value.isEmpty()) {
        return otherwise;
      }
      try {
        double parsed = Double.parseDouble(value.get());
        if (!(parsed >= min && parsed <= max)) {
          throw new NumberFormatException();
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw new ConfigurationException(
            name + " must be a number from " + min + " to " + max + ", got '" + value.get() + "'");
      }
    }

    /** Comma-separated origins ({@code https://shop.example}); none means any origin. */
    List<String> origins(String name) {
      return text(name)
          .map(
              value ->
                  Arrays.stream(value.split(","))
                      .map(String::strip)
                      .filter(o -> !o.isEmpty())
                      .map(
                          origin -> {
                            if (!origin.matches("https?://[^/\\s]+")) {
                              throw new ConfigurationException(
                                  name
                                      + " must list origins such as https://shop.example (scheme and host,"
                                      + " an optional port, no path), got '"
                                      + origin
                                      + "'");
                            }
                            return origin;
                          })
                      .toList())
          .orElse(List.of());
    }

    URI url(String name, String value) {
      try {
        URI uri = new URI(value);
        if (uri.getHost() == null
            || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
          throw new URISyntaxException(value, "not absolute http(s)");
        }
        return uri;
      } catch (URISyntaxException | NullPointerException e) {
        throw new ConfigurationException(
            name + " must be an absolute http(s) URL, got '" + value + "'");
      }
    }
  }
}
