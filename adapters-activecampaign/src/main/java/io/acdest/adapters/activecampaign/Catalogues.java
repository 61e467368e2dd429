package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.domain.model.CustomFieldCatalogue;
import io.acdest.domain.model.CustomFieldDefinition;
import io.acdest.domain.model.Tag;
import io.acdest.domain.port.out.CrmFailure;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The account's catalogues, cached so that a steady-state identify reads none of them: tags (by name, ignoring
 * case), custom fields, and the site-tracking domains already allowed. A miss refreshes the catalogue, at most once
 * a minute, since a trait that matches no field would otherwise reload the fields on every identify.
 */
final class Catalogues {
  static final Duration REFRESH_AT_MOST_EVERY = Duration.ofMinutes(1);
  private static final int PAGE = 100;

  private final AcHttp http;
  private final Clock clock;
  private final Map<String, String> tagIds = new HashMap<>();
  private Instant tagsLoadedAt;
  private CustomFieldCatalogue fields;
  private Instant fieldsLoadedAt;
  private final Set<String> allowedDomains = ConcurrentHashMap.newKeySet();

  Catalogues(AcHttp http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /** The id of the tag with this name (ignoring case), creating the tag when the account has none. */
  synchronized String tagId(Tag tag) {
    if (tagsLoadedAt == null || (!tagIds.containsKey(tag.matchKey()) && stale(tagsLoadedAt))) {
      loadTags();
    }
    String known = tagIds.get(tag.matchKey());
    if (known != null) {
      return known;
    }
    AcHttp.Answer answer = http.restAnswer("tags.create", HttpMethod.POST, "/tags", AcRequests.TagCreate.of(tag.name()));
    if (answer.status() == 422 && answer.body().contains("duplicate")) {
      loadTags(); // created meanwhile by someone else
      return Optional.ofNullable(tagIds.get(tag.matchKey())).orElseThrow(() ->
          new CrmFailure(CrmFailure.Kind.TRANSIENT, "tags.create: duplicate tag " + tag.name() + " not found on reload"));
    }
    String id = http.expectJson("tags.create", answer, true).path("tag").path("id").asText();
    tagIds.put(tag.matchKey(), id);
    return id;
  }

  private void loadTags() {
    tagIds.clear();
    pages("tags.list", "/tags", "tags", tag -> tagIds.putIfAbsent(new Tag(tag.path("tag").asText("?")).matchKey(),
        tag.path("id").asText()));
    tagsLoadedAt = clock.instant();
  }

  /** The custom fields, loaded once; reloaded when {@code anyMissing} and the catalogue is over a minute old. */
  synchronized CustomFieldCatalogue fields(boolean anyMissing) {
    if (fields == null || (anyMissing && stale(fieldsLoadedAt))) {
      List<CustomFieldDefinition> loaded = new ArrayList<>();
      pages("fields.list", "/fields", "fields", field -> loaded.add(new CustomFieldDefinition(
          field.path("id").asText(), field.path("perstag").asText(""), field.path("title").asText(""))));
      fields = new CustomFieldCatalogue(loaded);
      fieldsLoadedAt = clock.instant();
    }
    return fields;
  }

  /** True when the domain was already allowed for site tracking by this process. */
  boolean domainAllowed(String domain) {
    return allowedDomains.contains(domain);
  }

  void rememberDomain(String domain) {
    allowedDomains.add(domain);
  }

  private boolean stale(Instant loadedAt) {
    return loadedAt.plus(REFRESH_AT_MOST_EVERY).isBefore(clock.instant());
  }

  /** Reads every page ({@code limit=100&offset=…}) of a list endpoint. */
  private void pages(String endpoint, String path, String key, Consumer<JsonNode> each) {
    int offset = 0;
    while (true) {
      JsonNode page = http.rest(endpoint, HttpMethod.GET, path,
          Map.of("limit", Integer.toString(PAGE), "offset", Integer.toString(offset)), null);
      JsonNode items = page.path(key);
      items.forEach(each);
      int total = page.path("meta").path("total").asInt(-1);
      offset += items.size();
      if (items.size() < PAGE || (total >= 0 && offset >= total)) {
        return;
      }
    }
  }
}
