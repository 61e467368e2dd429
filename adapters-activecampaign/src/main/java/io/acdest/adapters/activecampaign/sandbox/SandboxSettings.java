package io.acdest.adapters.activecampaign.sandbox;

/**
 * The sandbox account: its API key, account id and event key, its rate limit (ActiveCampaign's 5 requests per
 * second), and whether site and event tracking are switched on.
 */
public record SandboxSettings(
    String apiKey,
    String accountId,
    String eventKey,
    int requestsPerSecond,
    boolean siteTrackingEnabled,
    boolean eventTrackingEnabled) {

  public SandboxSettings {
    if (apiKey == null || apiKey.isBlank() || accountId == null || eventKey == null || requestsPerSecond < 1) {
      throw new IllegalArgumentException("the sandbox needs an API key, account id, event key and a positive rate");
    }
  }

  /** An account with everything switched on and ActiveCampaign's limit of 5 requests per second. */
  public static SandboxSettings withKey(String apiKey) {
    return new SandboxSettings(apiKey, "1000", "sandbox-event-key", 5, true, true);
  }

  @Override
  public String toString() {
    return "SandboxSettings[apiKey=***, accountId=" + accountId + ", eventKey=***, requestsPerSecond="
        + requestsPerSecond + ", siteTracking=" + siteTrackingEnabled + ", eventTracking=" + eventTrackingEnabled + "]";
  }
}
