package io.acdest.adapters.mailchimp.sandbox;

import java.util.List;

/**
 * A sandbox account: its API key, the audience the service delivers to, other audiences a {@code lists} trait may
 * name, how many requests it serves at once (Mailchimp: 10 per key) and how long each answer takes.
 */
public record MailchimpSandboxSettings(
    String apiKey,
    String audienceId,
    List<String> otherAudiences,
    int connections,
    long latencyMillis) {

  /** The main audience of a sandbox, and two others. */
  public static final String AUDIENCE = "5a1e7c0d3b";

  public static final List<String> OTHER_AUDIENCES = List.of("0a1b2c3d4e", "7f6e5d4c3b");

  public MailchimpSandboxSettings {
    otherAudiences = List.copyOf(otherAudiences);
  }

  /** A sandbox with this key, Mailchimp's ten connections and a 20 ms answer time. */
  public static MailchimpSandboxSettings withKey(String apiKey) {
    return new MailchimpSandboxSettings(apiKey, AUDIENCE, OTHER_AUDIENCES, 10, 20);
  }

  @Override
  public String toString() {
    return "MailchimpSandboxSettings[apiKey=***, audienceId="
        + audienceId
        + ", otherAudiences="
        + otherAudiences
        + ", connections="
        + connections
        + ", latencyMillis="
        + latencyMillis
        + "]";
  }
}
