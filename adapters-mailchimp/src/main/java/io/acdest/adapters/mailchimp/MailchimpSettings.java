package io.acdest.adapters.mailchimp;

import io.acdest.domain.model.CrmAccount;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How to reach a Mailchimp account: the Marketing API's base URL, the API key ({@code <key>-<dc>}: sent as the
 * password of HTTP Basic, never logged), the audience every contact lives in, the status a new member gets, whether
 * page calls become member events, the timeout of every request and how many requests may be in flight at once.
 */
record MailchimpSettings(
    URI apiUrl,
    String apiKey,
    String audienceId,
    String statusIfNew,
    boolean pagesAsEvents,
    Duration timeout,
    int connections) {

  /** Mailchimp allows each API key ten simultaneous connections (Marketing API fundamentals, "Throttling"). */
  public static final int DEFAULT_CONNECTIONS = 10;

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The statuses a new member may be given ({@code status_if_new} of {@code PUT /lists/{id}/members/{hash}}). */
  public static final List<String> STATUSES_IF_NEW =
      List.of("subscribed", "pending", "unsubscribed", "transactional");

  private static final Pattern DATA_CENTER = Pattern.compile("[a-z]{2,4}[0-9]{1,3}");

  public MailchimpSettings {
    if (apiUrl == null
        || apiKey == null
        || apiKey.isBlank()
        || audienceId == null
        || audienceId.isBlank()) {
      throw new IllegalArgumentException(
          "a Mailchimp account needs its API URL, API key and audience id");
    }
    if (!STATUSES_IF_NEW.contains(statusIfNew)) {
      throw new IllegalArgumentException(
          "the status of new members must be one of "
              + STATUSES_IF_NEW
              + ", got '"
              + statusIfNew
              + "'");
    }
    if (connections < 1) {
      throw new IllegalArgumentException("at least one connection");
    }
    String base = apiUrl.toString();
    apiUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
  }

  /**
   * The account as what the service learns of it is kept under: the API's address and the audience (audience ids are
   * unique across Mailchimp), never the key.
   */
  public CrmAccount account() {
    return new CrmAccount(
        "mailchimp:"
            + apiUrl.getHost()
            + (apiUrl.getPort() > 0 ? ":" + apiUrl.getPort() : "")
            + "/"
            + audienceId);
  }

  /**
   * The data center an API key names after its dash ({@code 0123abcd-us21} is in {@code us21}), which is the host of
   * its API: {@code https://us21.api.mailchimp.com/3.0}.
   */
  public static URI defaultApiUrl(String apiKey) {
    int dash = apiKey == null ? -1 : apiKey.lastIndexOf('-');
    String dataCenter = dash < 0 ? "" : apiKey.substring(dash + 1).toLowerCase(Locale.ROOT);
    if (!DATA_CENTER.matcher(dataCenter).matches()) {
      throw new IllegalArgumentException(
          "a Mailchimp API key ends with its data center after a dash"
              + " (<key>-us21); this one does not");
    }
    return URI.create("https://" + dataCenter + ".api.mailchimp.com/3.0");
  }

  /**
   * What a Mailchimp account is used with, whether configured or the built-in sandbox: new members' status, pages
   * as events, the timeout and the connections in flight.
   */
  public record Options(
      String statusIfNew, boolean pagesAsEvents, Duration timeout, int connections) {
    /** The settings of this account, used with these options. */
    public MailchimpSettings forAccount(URI apiUrl, String apiKey, String audienceId) {
      return new MailchimpSettings(
          apiUrl, apiKey, audienceId, statusIfNew, pagesAsEvents, timeout, connections);
    }
  }

  /** The name of this account's request budget: its API host (never the key). */
  String budget() {
    return "mailchimp:" + apiUrl.getHost() + (apiUrl.getPort() < 0 ? "" : ":" + apiUrl.getPort());
  }

  @Override
  public String toString() {
    return "MailchimpSettings[apiUrl="
        + apiUrl
        + ", apiKey=***, audienceId="
        + audienceId
        + ", statusIfNew="
        + statusIfNew
        + ", pagesAsEvents="
        + pagesAsEvents
        + ", timeout="
        + timeout
        + ", connections="
        + connections
        + "]";
  }
}
