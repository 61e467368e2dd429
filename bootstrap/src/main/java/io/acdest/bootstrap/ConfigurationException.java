package io.acdest.bootstrap;

/** A setting is missing or invalid; the message names the environment variable and the rule. */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }
}
