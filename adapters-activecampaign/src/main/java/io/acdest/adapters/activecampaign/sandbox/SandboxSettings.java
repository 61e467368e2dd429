package io.acdest.adapters.activecampaign.sandbox;

/**
 * The sandbox account: its API key, account id and event key, the limit of its REST API (ActiveCampaign's 5
 * requests in any sliding second) and of its tracking host (0: none, as nothing is published for it), and whether
 * site and event tracking are switched on.
 */
public record SandboxSettings(
    String apiKey,
    String accountId,
    String eventKey,
    int requestsPerSecond,
    int trackingRequestsPerSecond,
    boolean siteTrackingEnabled,
    boolean eventTrackingEnabled) {

  public SandboxSettings {
    if (apiKey == null
        || apiKey.isBlank()
        || accountId == null
        || eventKey == null
        || requestsPerSecond < 1
        || trackingRequestsPerSecond < 0) {
      throw new IllegalArgumentException(
          "the sandbox needs an API key, account id, event key and a positive rate");
    }
  }

  /** An account whose tracking host has no limit. */
  public SandboxSettings(
      String apiKey,
      String accountId,
      String eventKey,
      int requestsPerSecond,
      boolean siteTrackingEnabled,
      boolean eventTrackingEnabled) {
    this(
        apiKey,
        accountId,
        eventKey,
        requestsPerSecond,
        0,
        siteTrackingEnabled,
        eventTrackingEnabled);
  }

  /** An account with everything switched on and ActiveCampaign's limit of 5 REST requests per second. */
  public static SandboxSettings withKey(String apiKey) {
    return new SandboxSettings(apiKey, "1000", "sandbox-event-key", 5, true, true);
  }

  /** The same account with a limit on its tracking host too. */
  public SandboxSettings withTrackingLimit(int perSecond) {
    return new SandboxSettings(
        apiKey,
        accountId,
        eventKey,
        requestsPerSecond,
        perSecond,
        siteTrackingEnabled,
        eventTrackingEnabled);
  }

  @Override
  public String toString() {
    return "SandboxSettings[apiKey=***, accountId="
        + accountId
        + ", eventKey=***, requestsPerSecond="
        + requestsPerSecond
        + ", trackingRequestsPerSecond="
        + trackingRequestsPerSecond
        + ", siteTracking="
        + siteTrackingEnabled
        + ", eventTracking="
        + eventTrackingEnabled
        + "]";
  }
}
