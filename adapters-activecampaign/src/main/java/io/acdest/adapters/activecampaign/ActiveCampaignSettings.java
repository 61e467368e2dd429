package io.acdest.adapters.activecampaign;

import io.acdest.domain.model.CrmAccount;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach one ActiveCampaign account: its API URL and key, its account id ({@code actid}) and event key for
 * tracking, the tracking URL, the timeout of every request, and the request rates of its REST API and tracking host.
 * Neither key appears in {@link #toString()}.
 */
record ActiveCampaignSettings(
    URI apiUrl,
    String apiKey,
    String accountId,
    Optional<String> eventKey,
    URI trackingUrl,
    Duration timeout,
    ActiveCampaignRates rates) {

  public static final URI DEFAULT_TRACKING_URL = URI.create("https://trackcmp.net");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public ActiveCampaignSettings {
    if (apiUrl == null
        || !("https".equals(apiUrl.getScheme()) || "http".equals(apiUrl.getScheme()))
        || apiUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "the API URL must be an absolute http(s) URL, e.g. https://<account>.api-us1.com");
    }
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("the API key is required");
    }
    if (trackingUrl == null || trackingUrl.getHost() == null) {
      throw new IllegalArgumentException("the tracking URL must be an absolute http(s) URL");
    }
    if (timeout == null || timeout.toMillis() < 100) {
      throw new IllegalArgumentException("the request timeout must be at least 100 ms");
    }
    eventKey = eventKey.filter(k -> !k.isBlank());
    if (rates == null) {
      throw new IllegalArgumentException("the request rates are required");
    }
  }

  /** At the default rates (5 REST requests and 20 tracking requests per second). */
  public ActiveCampaignSettings(
      URI apiUrl,
      String apiKey,
      String accountId,
      Optional<String> eventKey,
      URI trackingUrl,
      Duration timeout) {
    this(apiUrl, apiKey, accountId, eventKey, trackingUrl, timeout, ActiveCampaignRates.DEFAULTS);
  }

  /**
   * The account as what the service learns of it is kept under: its API address (host, port and path) and account
   * id, never its key.
   */
  public CrmAccount account() {
    String base =
        apiUrl.getHost()
            + (apiUrl.getPort() > 0 ? ":" + apiUrl.getPort() : "")
            + (apiUrl.getPath() == null ? "" : apiUrl.getPath().replaceAll("/+$", ""));
    return new CrmAccount(
        "activecampaign:"
            + base
            + (accountId == null || accountId.isBlank() ? "" : "#" + accountId));
  }

  /** The budget the shared rate limiter counts this account's REST requests under: its API host, never its key. */
  public String rateLimitAccount() {
    return apiUrl.getHost() + (apiUrl.getPort() > 0 ? ":" + apiUrl.getPort() : "");
  }

  /** The budget of the account's tracking requests (events, visits): the tracking host and account id. */
  public String trackingBudget() {
    return trackingUrl.getHost()
        + (trackingUrl.getPort() > 0 ? ":" + trackingUrl.getPort() : "")
        + "/tracking/"
        + accountId;
  }

  /** The base of the REST API, {@code <apiUrl>/api/3}. */
  String restBase() {
    String base = apiUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/3";
  }

  /** A tracking endpoint under the tracking URL, e.g. {@code <trackingUrl>/event}. */
  String tracking(String path) {
    String base = trackingUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }

  @Override
  public String toString() {
    return "ActiveCampaignSettings[apiUrl="
        + apiUrl
        + ", apiKey=***, accountId="
        + accountId
        + ", eventKey="
        + (eventKey.isPresent() ? "***" : "none")
        + ", trackingUrl="
        + trackingUrl
        + ", timeout="
        + timeout
        + ", rates="
        + rates
        + "]";
  }
}
