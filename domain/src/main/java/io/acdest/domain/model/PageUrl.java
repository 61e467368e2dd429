package io.acdest.domain.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** An absolute {@code http} or {@code https} URL of a visited page (or of its referrer). */
public record PageUrl(String value) {
  public PageUrl {
    if (value == null) {
      throw new InvalidField("url", "must be an absolute http(s) URL");
    }
    value = value.strip();
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getHost().isBlank()) {
        throw new InvalidField("url", "must be an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw new InvalidField("url", "must be an absolute http(s) URL");
    }
  }

  /** Parses the value of the field at {@code path}, naming that path when it is not an absolute http(s) URL. */
  public static PageUrl parse(String raw, String path) {
    try {
      return new PageUrl(raw);
    } catch (InvalidField e) {
      throw new InvalidField(path, "must be an absolute http(s) URL");
    }
  }

  /** The host name, lower-case: the domain that site tracking must allow. */
  public String domain() {
    return URI.create(value).getHost().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value;
  }
}
