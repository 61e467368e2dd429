package io.acdest.adapters.crm;

/** A setting is missing or invalid; the message names the setting as the operator wrote it, and the rule. */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidSettingException(String message) {
    super(message);
  }
}
