package io.acdest.bootstrap;

import io.acdest.adapters.crm.CrmKind;
import io.acdest.adapters.crm.SettingsReader;
import java.util.ArrayList;
import java.util.List;

/** An environment variable the service reads, with its default and meaning (what {@code --help} prints). */
public record Variable(String name, String defaultValue, String meaning) {

  /** A marker in the service's own list: where each CRM's variables go. */
  private static final Variable CRM_SETTINGS = new Variable("", "", "");

  private static final List<Variable> LISTED_HERE =
      List.of(
          new Variable(
              "HTTP_PORT", "8080", "port of the HTTP API (tracking API, health, metrics, admin)"),
          new Variable(
              "BIND_ADDRESS",
              "0.0.0.0",
              "address the HTTP API listens on (127.0.0.1: this machine only)"),
          new Variable(
              "HTTP_HEADER_TIMEOUT_SECONDS",
              "10",
              "a connection that takes longer to send a request's headers is closed"),
          new Variable("HTTP_IDLE_TIMEOUT_SECONDS", "60", "a connection idle for longer is closed"),
          new Variable("HTTP2_CLEARTEXT", "false", "speak HTTP/2 without TLS (h2c) too"),
          new Variable(
              "INTAKE_MAX_MEGABYTES",
              "(a 32nd of the heap, 4 to 128)",
              "most megabytes of tracking requests read and parsed at once; past it, 503 with Retry-After"),
          new Variable(
              "TRUSTED_PROXIES",
              "(none)",
              "comma-separated addresses of proxies whose X-Forwarded-For and X-Forwarded-Proto are believed"),
          new Variable(
              "CONSOLE_SECURE_COOKIE",
              "auto",
              "the console cookie's Secure attribute: auto (over TLS, directly or through a trusted proxy), always, never"),
          new Variable(
              "CONSOLE_SESSION_IDLE_MINUTES", "480", "a console session unused this long ends"),
          new Variable(
              "CONSOLE_SESSION_MAX_HOURS",
              "12",
              "a console session ends this long after its sign-in, used or not"),
          new Variable(
              "DATABASE_URL",
              "(unset: embedded PostgreSQL under DATA_DIR)",
              "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/acdest"),
          new Variable("DATABASE_USER", "(none)", "database user"),
          new Variable("DATABASE_PASSWORD", "(none)", "database password (never logged)"),
          new Variable("DATABASE_POOL_SIZE", "10", "most database connections of this instance"),
          new Variable(
              "DATA_DIR",
              "./data",
              "where the embedded database and a generated write key are kept"),
          new Variable(
              "DESTINATIONS_FILE",
              "(unset: WRITE_KEYS, CRM and the CRM's variables define one source and one destination)",
              "a JSON file of the sources (write keys) and destinations (CRM kind and settings);"
                  + " docs/operations.md \"Destinations file\""),
          new Variable(
              "WRITE_KEYS",
              "(unset: one is generated, stored in DATA_DIR and printed once)",
              "comma-separated write keys that may send calls"),
          new Variable(
              "ADMIN_TOKEN",
              "(unset: admin API and console off)",
              "bearer token of the admin API, and the sign-in of the console at /console"),
          new Variable(
              "CRM",
              CrmKinds.ALL.get(0).name(),
              "the CRM to deliver to: "
                  + String.join(" or ", CrmKinds.ALL.stream().map(CrmKind::name).toList())),
          CRM_SETTINGS,
          new Variable(
              "SEGMENT_SHARED_SECRET",
              "(unset: webhooks authenticate with a write key)",
              "shared secret of Segment's Webhooks destination (X-Signature)"),
          new Variable(
              "CORS_ALLOWED_ORIGINS",
              "(unset: any origin)",
              "comma-separated origins browsers may send from, e.g. https://shop.example,https://www.shop.example"),
          new Variable(
              "DELIVERY_WORKERS",
              "4",
              "delivery workers of this instance for identifies (the contacts lane, on the REST API's budget)"),
          new Variable(
              "ACTIVITY_WORKERS",
              "8",
              "delivery workers of this instance for tracks and pages (the activity lane, on the tracking budget)"),
          new Variable(
              "DELIVERY_LEASE_SECONDS",
              "120",
              "how long a claimed job is leased (renewed while its worker lives); a job whose worker died is delivered"
                  + " again after it"),
          new Variable(
              "RETRY_WINDOW_HOURS",
              "4",
              "how long transient failures are retried before a message is dead"),
          new Variable(
              "UNCHANGED_HORIZON_HOURS",
              "24",
              "within it, an identify that changes nothing already synced sends nothing (0: always send)"),
          new Variable(
              "BULK_IMPORT",
              "true",
              "backlogs of 10 or more identifies go out as bulk imports of up to 250"),
          new Variable("RETENTION_DAYS", "7", "how long messages are kept (at least 3)"),
          new Variable("LOG_FORMAT", "text", "text, or json for one JSON object per line"));

  /** Every variable, in the order {@code --help} lists them: the service's, and each CRM's after {@code CRM}. */
  public static final List<Variable> ALL = withCrmSettings();

  private static List<Variable> withCrmSettings() {
    List<Variable> all = new ArrayList<>();
    for (Variable variable : LISTED_HERE) {
      if (!variable.name().isEmpty()) {
        all.add(variable);
        continue;
      }
      for (CrmKind kind : CrmKinds.ALL) {
        for (CrmKind.Setting setting : kind.settings()) {
          all.add(
              new Variable(
                  kind.variablePrefix() + SettingsReader.variableName(setting.key()),
                  setting.defaultValue(),
                  setting.meaning()));
        }
      }
    }
    return List.copyOf(all);
  }

  /** The {@code --help} text. */
  public static String help() {
    StringBuilder text =
        new StringBuilder(
            "ActiveCampaign Destination: a Segment-compatible service that delivers to "
                + "ActiveCampaign.\n\nUsage: java -jar activecampaign-destination.jar [--help]\n"
                + "       java -jar activecampaign-destination.jar sandbox [--port N] [--api-key K] [--rate R] [--tracking-rate T]\n\n"
                + "Configuration, by environment variable:\n\n");
    for (Variable v : ALL) {
      text.append(
          String.format(
              "  %-31s %s%n  %-31s default: %s%n", v.name(), v.meaning(), "", v.defaultValue()));
    }
    return text.toString();
  }
}
