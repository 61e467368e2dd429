package io.acdest.bootstrap;

import java.util.List;

/** An environment variable the service reads, with its default and meaning (what {@code --help} prints). */
public record Variable(String name, String defaultValue, String meaning) {

  /** Every variable, in the order {@code --help} lists them. */
  public static final List<Variable> ALL =
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
              "WRITE_KEYS",
              "(unset: one is generated, stored in DATA_DIR and printed once)",
              "comma-separated write keys that may send calls"),
          new Variable(
              "ADMIN_TOKEN",
              "(unset: admin API and console off)",
              "bearer token of the admin API, and the sign-in of the console at /console"),
          new Variable(
              "CRM", "activecampaign", "the CRM to deliver to: activecampaign or mailchimp"),
          new Variable(
              "ACTIVECAMPAIGN_API_URL",
              "(unset: the built-in ActiveCampaign sandbox)",
              "your account's API URL, e.g. https://<account>.api-us1.com"),
          new Variable(
              "ACTIVECAMPAIGN_API_KEY",
              "(required with ACTIVECAMPAIGN_API_URL)",
              "API key (never logged)"),
          new Variable(
              "ACTIVECAMPAIGN_ACCOUNT_ID",
              "(required with ACTIVECAMPAIGN_API_URL)",
              "account id (actid) for event and site tracking"),
          new Variable(
              "ACTIVECAMPAIGN_EVENT_KEY",
              "(none: track calls pause until set)",
              "event tracking key"),
          new Variable(
              "ACTIVECAMPAIGN_TRACKING_URL",
              "https://trackcmp.net",
              "event and site tracking host"),
          new Variable(
              "ACTIVECAMPAIGN_RATE_LIMIT",
              "5",
              "REST API requests per second to the account, shared by all instances (spaced for 97 % of it)"),
          new Variable(
              "ACTIVECAMPAIGN_TRACKING_RATE_LIMIT",
              "20",
              "event and site-visit requests per second to the tracking host, a budget of its own: at most this many"
                  + " leave within any one second (0: no limit)"),
          new Variable(
              "ACTIVECAMPAIGN_TIMEOUT_SECONDS", "10", "timeout of every ActiveCampaign request"),
          new Variable(
              "MAILCHIMP_API_KEY",
              "(unset: with CRM=mailchimp, the built-in Mailchimp sandbox)",
              "API key, <key>-<dc> (never logged)"),
          new Variable(
              "MAILCHIMP_API_URL",
              "https://<dc>.api.mailchimp.com/3.0",
              "Marketing API URL (the key's data center)"),
          new Variable(
              "MAILCHIMP_AUDIENCE_ID",
              "(required with MAILCHIMP_API_KEY)",
              "the audience every contact lives in"),
          new Variable(
              "MAILCHIMP_STATUS_IF_NEW",
              "subscribed",
              "status of a member the service creates: subscribed, pending, unsubscribed or transactional"),
          new Variable(
              "MAILCHIMP_PAGE_EVENTS",
              "false",
              "record page calls as page_viewed member events (else skipped)"),
          new Variable(
              "MAILCHIMP_CONNECTIONS",
              "10",
              "most Mailchimp requests in flight at once, shared by all instances"),
          new Variable("MAILCHIMP_TIMEOUT_SECONDS", "10", "timeout of every Mailchimp request"),
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
