package io.acdest.adapters.crm;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads settings by their key ({@code apiUrl}), typed and checked; every complaint names the setting as the operator
 * wrote it ({@code SHOP_API_URL} among environment variables) and says the rule. A secret is read with
 * {@link #secret}, never echoed in a complaint.
 */
public abstract class SettingsReader {

  /** The value of a setting, blank as absent. */
  protected abstract Optional<String> raw(String key);

  /** The setting's name as the operator wrote it. */
  public abstract String nameOf(String key);

  /**
   * Settings from environment variables: key {@code apiUrl} under prefix {@code SHOP_} is the variable {@code
   * SHOP_API_URL}; a key already in capitals ({@code HTTP_PORT}) is the variable of that name.
   */
  public static SettingsReader environment(Map<String, String> env, String prefix) {
    return new SettingsReader() {
      @Override
      protected Optional<String> raw(String key) {
        return Optional.ofNullable(env.get(nameOf(key)));
      }

      @Override
      public String nameOf(String key) {
        return prefix + variableName(key);
      }
    };
  }

  /** {@code apiUrl} as an environment variable's name: {@code API_URL}. */
  public static String variableName(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  public final Optional<String> text(String key) {
    return raw(key).map(String::strip).filter(v -> !v.isEmpty());
  }

  /**
   * A secret (an API key); a complaint about it never shows its value. Where settings are written in a file, a
   * secret is a reference to where it is kept, never the secret itself ({@link #rawSecret}).
   */
  public final Optional<String> secret(String key) {
    return rawSecret(key).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** A secret's value: among environment variables, the variable's. */
  protected Optional<String> rawSecret(String key) {
    return raw(key);
  }

  /** A setting required because another one is set. */
  public final String required(Optional<String> value, String key, String because) {
    return value.orElseThrow(
        () -> new InvalidSettingException(nameOf(key) + " is required when " + because));
  }

  public final int integer(String key, int otherwise, int min, int max) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return otherwise;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw invalid(key, "must be a whole number from " + min + " to " + max, value.get());
    }
  }

  public final double decimal(String key, double otherwise, double min, double max) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return otherwise;
    }
    try {
      double parsed = Double.parseDouble(value.get());
      if (!(parsed >= min && parsed <= max)) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw invalid(key, "must be a number from " + min + " to " + max, value.get());
    }
  }

  public final boolean flag(String key, boolean otherwise) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return otherwise;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw invalid(key, "must be true or false", value.get());
    };
  }

  /** One of the words {@code allowed}, as written. */
  public final String oneOf(String key, String otherwise, java.util.List<String> allowed) {
    String value = text(key).orElse(otherwise);
    if (!allowed.contains(value)) {
      throw invalid(key, "must be one of " + String.join(", ", allowed), value);
    }
    return value;
  }

  /** An absolute http(s) URL. */
  public final URI url(String key, String value) {
    try {
      URI uri = new URI(value);
      if (uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new URISyntaxException(value, "not absolute http(s)");
      }
      return uri;
    } catch (URISyntaxException | NullPointerException e) {
      throw invalid(key, "must be an absolute http(s) URL", value);
    }
  }

  /** The complaint for a value that breaks its rule: the setting, the rule and what was given. */
  public final InvalidSettingException invalid(String key, String rule, String given) {
    return new InvalidSettingException(nameOf(key) + " " + rule + ", got '" + given + "'");
  }
}
