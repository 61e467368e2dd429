package io.acdest.application;

import io.acdest.domain.call.AliasCall;
import io.acdest.domain.call.CallMapping;
import io.acdest.domain.call.IdentifyCall;
import io.acdest.domain.call.IgnoredCall;
import io.acdest.domain.call.MappedCall;
import io.acdest.domain.call.PageCall;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.call.TrackCall;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.InvalidField;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.PageUrl;
import io.acdest.domain.model.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What operators see of a stored call: the call as received with anything secret taken out, and how the domain's
 * rules map it (the same mapping delivery uses, so the view never drifts from what is sent).
 */
final class MappingSummary {
  /** Keys whose values are secrets wherever they appear (a browser puts its write key inside the body). */
  private static final Set<String> SECRET_KEYS =
      Set.of(
          "writekey",
          "write_key",
          "password",
          "secret",
          "token",
          "apikey",
          "api_key",
          "authorization");

  private MappingSummary() {}

  /** The call as received; the value of every secret key replaced by {@code ***}. */
  static Map<String, Object> withoutSecrets(Map<String, ?> values) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach(
        (key, value) ->
            copy.put(
                key,
                SECRET_KEYS.contains(key.toLowerCase(java.util.Locale.ROOT))
                    ? "***"
                    : withoutSecretsIn(value)));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object withoutSecretsIn(Object value) {
    if (value instanceof Map<?, ?> map) {
      return withoutSecrets((Map<String, ?>) map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(element -> copy.add(withoutSecretsIn(element)));
      return copy;
    }
    return value;
  }

  /** How the call maps: its rule's result, or the rule it breaks. */
  static Map<String, Object> of(ReceivedCall call) {
    Map<String, Object> summary = new LinkedHashMap<>();
    MappedCall mapped;
    try {
      mapped = CallMapping.map(call);
    } catch (InvalidField broken) {
      summary.put("invalid", broken.getMessage());
      return summary;
    }
    switch (mapped) {
      case IdentifyCall identify -> {
        summary.put("email", identify.email().map(EmailAddress::value).orElse(null));
        summary.put("firstName", identify.name().first().orElse(null));
        summary.put("lastName", identify.name().last().orElse(null));
        summary.put("phone", identify.phone().orElse(null));
        Map<String, Object> fields = new LinkedHashMap<>();
        identify
            .customFields()
            .values()
            .forEach(
                (key, value) ->
                    fields.put(
                        key.trait() + " → " + key.normalised(),
                        value.isList() ? value.values() : value.single()));
        summary.put("customFields", fields);
        summary.put("tags", identify.tags().add().asList().stream().map(Tag::name).toList());
        summary.put("tagsReset", identify.tags().resetFirst());
        List<String> lists = new ArrayList<>();
        for (ListSubscription list : identify.lists()) {
          lists.add(list.list().value() + ": " + list.status().traitValue());
        }
        summary.put("lists", lists);
      }
      case TrackCall track -> {
        summary.put("event", track.event().value());
        summary.put("value", track.value().map(v -> String.valueOf(v.value())).orElse(null));
        summary.put("properties", track.properties());
      }
      case PageCall page -> {
        summary.put("url", page.url().value());
        summary.put("referrer", page.referrer().map(PageUrl::value).orElse(null));
      }
      case IgnoredCall ignored -> summary.put("ignored", ignored.reason());
      case AliasCall alias -> summary.put("alias", alias.previousId() + " → " + alias.userId());
    }
    summary.put("warnings", mapped.warnings());
    return summary;
  }
}
