package io.acdest.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.crm.InvalidSettingException;
import io.acdest.adapters.crm.SettingsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A destination's {@code settings} object in the destinations file, read by key ({@code apiUrl}). A value is written
 * as it is ({@code "https://shop.api-us1.com"}, {@code 5}, {@code true}) or as a reference to where it is kept:
 * {@code {"env": "AC_SHOP_KEY"}} (an environment variable) or {@code {"file": "/run/secrets/ac-shop-key"}} (a file's
 * content, trimmed). A secret must be a reference, so that the file itself holds none. Every complaint names the
 * setting as {@code destinations[ac-shop].settings.apiKey}, and never shows a secret.
 */
final class FileSettingsReader extends SettingsReader {
  private final JsonNode settings;
  private final String prefix;
  private final Map<String, String> env;

  /**
   * @param settings the object read (a destination's {@code settings}, a source)
   * @param prefix what a key is named after in complaints, e.g. {@code destinations[ac-shop].settings.}
   */
  FileSettingsReader(JsonNode settings, String prefix, Map<String, String> env) {
    this.settings = settings;
    this.prefix = prefix;
    this.env = env;
  }

  @Override
  public String nameOf(String key) {
    return prefix + key;
  }

  @Override
  protected Optional<String> raw(String key) {
    return resolve(settings.get(key), nameOf(key), env);
  }

  @Override
  protected Optional<String> rawSecret(String key) {
    JsonNode value = settings.get(key);
    if (value != null && !value.isNull() && !value.isObject()) {
      throw new InvalidSettingException(
          nameOf(key)
              + " must be a reference, {\"env\": NAME} or {\"file\": PATH}: the destinations file holds no"
              + " secret");
    }
    return raw(key);
  }

  /**
   * A value as written, or the value a reference points at. {@code name} names the value in complaints, which never
   * show what a reference resolved to.
   */
  static Optional<String> resolve(JsonNode value, String name, Map<String, String> env) {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isTextual() || value.isNumber() || value.isBoolean()) {
      return Optional.of(value.asText());
    }
    if (!value.isObject() || value.size() != 1 || !(value.has("env") || value.has("file"))) {
      throw new InvalidSettingException(
          name
              + " must be a text, a number, true or false, or a reference {\"env\": NAME} or {\"file\": PATH}");
    }
    if (value.has("env")) {
      String variable = value.get("env").asText("");
      String found = env.get(variable);
      if (variable.isBlank() || found == null || found.isBlank()) {
        throw new InvalidSettingException(
            name + " refers to the environment variable '" + variable + "', which is not set");
      }
      return Optional.of(found.strip());
    }
    Path file = Path.of(value.get("file").asText(""));
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException | RuntimeException unreadable) {
      throw new InvalidSettingException(
          name + " refers to the file '" + file + "', which cannot be read");
    }
  }
}
