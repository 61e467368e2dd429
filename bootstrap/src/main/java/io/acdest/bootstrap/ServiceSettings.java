package io.acdest.bootstrap;

import io.acdest.adapters.crm.CrmKind;
import io.acdest.adapters.crm.InvalidSettingException;
import io.acdest.adapters.crm.SettingsReader;
import io.acdest.adapters.http.HttpLimits;
import io.acdest.adapters.http.HttpSecurity;
import io.acdest.adapters.persistence.DatabaseSettings;
import io.acdest.adapters.persistence.RetentionSettings;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.message.SourceId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    ChosenCrm crm,
    Optional<Destinations> destinations,
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

  /**
   * A destination the service delivers to: its id, its CRM kind with its settings read ({@code CRM} and the
   * kind's variables, or an entry of the destinations file), and the sources that feed it (every source when
   * empty).
   */
  public record ChosenCrm(
      DestinationId destination,
      CrmKind kind,
      CrmKind.Configured configured,
      Optional<Set<SourceId>> sources) {
    /** The destination of the environment variables, fed by every source. */
    public ChosenCrm(DestinationId destination, CrmKind kind, CrmKind.Configured configured) {
      this(destination, kind, configured, Optional.empty());
    }

    @Override
    public String toString() {
      return destination + ": " + configured;
    }
  }

  /**
   * The destinations that deliver, the first one first: the destinations file's enabled ones, or the one the
   * environment variables define.
   */
  public List<ChosenCrm> delivering() {
    return destinations
        .map(
            file ->
                file.enabled().stream()
                    .map(
                        d ->
                            new ChosenCrm(
                                new DestinationId(d.id()),
                                d.kind(),
                                d.configured(),
                                Optional.of(
                                    d.sources().stream()
                                        .map(SourceId::new)
                                        .collect(java.util.stream.Collectors.toSet()))))
                    .toList())
        .orElse(List.of(crm));
  }

  /** Reads the settings from environment variables. */
  public static ServiceSettings fromEnvironment(Map<String, String> env) {
    try {
      return read(SettingsReader.environment(env, ""), env);
    } catch (InvalidSettingException invalid) {
      throw new ConfigurationException(invalid.getMessage());
    }
  }

  private static ServiceSettings read(SettingsReader r, Map<String, String> env) {
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
                    throw new InvalidSettingException("DATABASE_URL: " + e.getMessage());
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
      throw new InvalidSettingException("WRITE_KEYS must hold at least one key (comma-separated)");
    }
    Optional<Destinations> destinations = Destinations.named(r, env, CrmKinds.ALL);
    ChosenCrm crm =
        destinations
            .map(file -> file.enabled().get(0))
            .map(
                first ->
                    new ChosenCrm(new DestinationId(first.id()), first.kind(), first.configured()))
            .orElseGet(() -> chosenCrm(r, env));
    String logFormat = r.text("LOG_FORMAT").orElse("text");
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw new InvalidSettingException("LOG_FORMAT must be text or json, got '" + logFormat + "'");
    }
    return new ServiceSettings(
        r.integer("HTTP_PORT", 8080, 0, 65535),
        database,
        Path.of(r.text("DATA_DIR").orElse("./data")),
        writeKeys,
        r.text("ADMIN_TOKEN"),
        crm,
        destinations,
        r.text("SEGMENT_SHARED_SECRET"),
        origins(r, "CORS_ALLOWED_ORIGINS"),
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

  /**
   * Every CRM's settings are read, so that a bad one stops the start whichever CRM is chosen; the chosen one's are
   * kept.
   */
  private static ChosenCrm chosenCrm(SettingsReader r, Map<String, String> env) {
    String name = r.text("CRM").orElse(CrmKinds.ALL.get(0).name()).toLowerCase(Locale.ROOT);
    ChosenCrm chosen = null;
    for (CrmKind kind : CrmKinds.ALL) {
      CrmKind.Configured configured =
          kind.configure(SettingsReader.environment(env, kind.variablePrefix()));
      if (kind.name().equals(name)) {
        chosen = new ChosenCrm(DestinationId.DEFAULT, kind, configured);
      }
    }
    if (chosen == null) {
      throw r.invalid(
          "CRM",
          "must be " + String.join(" or ", CrmKinds.ALL.stream().map(CrmKind::name).toList()),
          r.text("CRM").orElse(""));
    }
    return chosen;
  }

  private static HttpSecurity httpSecurity(SettingsReader r) {
    HttpSecurity.SecureCookie secure =
        switch (r.text("CONSOLE_SECURE_COOKIE").orElse("auto").toLowerCase(Locale.ROOT)) {
          case "auto" -> HttpSecurity.SecureCookie.AUTO;
          case "always", "true" -> HttpSecurity.SecureCookie.ALWAYS;
          case "never", "false" -> HttpSecurity.SecureCookie.NEVER;
          default ->
              throw new InvalidSettingException(
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
                            throw new InvalidSettingException(
                                "TRUSTED_PROXIES must list IP addresses (e.g. 10.0.0.5,127.0.0.1), got '"
                                    + proxy
                                    + "'");
                          }
                          proxies.add(proxy);
                        }));
    Duration idle = Duration.ofMinutes(r.integer("CONSOLE_SESSION_IDLE_MINUTES", 480, 1, 10_080));
    Duration absolute = Duration.ofHours(r.integer("CONSOLE_SESSION_MAX_HOURS", 12, 1, 720));
    if (absolute.compareTo(idle) < 0) {
      throw new InvalidSettingException(
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
        + ", destinations="
        + destinations.map(d -> d.destinations().size() + " from DESTINATIONS_FILE").orElse("none")
        + ", sharedSecret="
        + (sharedSecret.isPresent() ? "***" : "none")
        + ", deliveryWorkers="
        + deliveryWorkers
        + ", activityWorkers="
        + activityWorkers
        + "]";
  }

  /** Comma-separated origins ({@code https://shop.example}); none means any origin. */
  private static List<String> origins(SettingsReader r, String name) {
    return r.text(name)
        .map(
            value ->
                Arrays.stream(value.split(","))
                    .map(String::strip)
                    .filter(o -> !o.isEmpty())
                    .map(
                        origin -> {
                          if (!origin.matches("https?://[^/\\s]+")) {
                            throw new InvalidSettingException(
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
}
