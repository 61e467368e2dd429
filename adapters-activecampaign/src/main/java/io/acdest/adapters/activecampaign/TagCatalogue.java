package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.crm.CrmRequest;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.model.Tag;
import io.acdest.domain.port.out.CrmFailure;
import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The account's tags, found by name one at a time and remembered in a bounded cache: the account is shared with
 * people and tools that add tags at any time, and may hold tens of thousands, so the catalogue is never read whole.
 * A name the cache does not know is searched for ({@code GET /tags?search=<name>&orders[search]=weight}: exact
 * matches first, at most {@value #MAX_SEARCH_PAGES} pages of {@value #PAGE}); only a name the account does not have
 * is created. A create the account refuses with 422, whatever its words (a marketer, another instance or a bulk
 * import created the tag meanwhile; ActiveCampaign answers {@code "Duplicate entry 'contact-<name>' for key
 * 'typetag'"}), is searched again and the tag found is used.
 */
final class TagCatalogue {
  /** Tag ids remembered, most recently used kept: about 100 bytes each. */
  static final int CACHE_SIZE = 10_000;

  static final int PAGE = 100;
  static final int MAX_SEARCH_PAGES = 5;

  private final AcHttp http;
  private final Map<String, String> ids;

  TagCatalogue(AcHttp http) {
    this(http, CACHE_SIZE);
  }

  TagCatalogue(AcHttp http, int cacheSize) {
    this.http = http;
    this.ids =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > cacheSize;
          }
        };
  }

  /** The id of the tag with this name (ignoring case), creating the tag when the account has none. */
  synchronized String idOf(Tag tag, DeliveryContext on) {
    String known = ids.get(tag.matchKey());
    if (known != null) {
      return known;
    }
    Optional<String> found = search(tag, on);
    if (found.isPresent()) {
      return found.get();
    }
    AcHttp.Answer answer =
        http.restAnswer(
            on,
            new CrmRequest(
                "tags.create", HttpMethod.POST, "/tags", AcRequests.TagCreate.of(tag.name())));
    if (answer.status() == 422) {
      return search(tag, on)
          .orElseThrow(
              () ->
                  new CrmFailure(
                      CrmFailure.Kind.TRANSIENT,
                      "tags.create: 422 "
                          + http.errorText(answer.body())
                          + "; and no tag named '"
                          + tag.name()
                          + "' was found by search"));
    }
    String id = http.expectJson("tags.create", answer, true).path("tag").path("id").asText();
    ids.put(tag.matchKey(), id);
    return id;
  }

  /** Forgets a tag the account no longer has (deleted there), so the next use finds or creates it again. */
  synchronized void forget(Tag tag) {
    ids.remove(tag.matchKey());
  }

  /** How many tag ids are remembered (never more than the cache's size, {@value #CACHE_SIZE} by default). */
  synchronized int cached() {
    return ids.size();
  }

  /** Searches the account for the name; every tag the answer shows is remembered, the exact match returned. */
  private Optional<String> search(Tag tag, DeliveryContext on) {
    for (int page = 0; page < MAX_SEARCH_PAGES; page++) {
      JsonNode answer =
          http.rest(
              on,
              new CrmRequest(
                  "tags.search",
                  HttpMethod.GET,
                  "/tags",
                  Map.of(
                      "search",
                      tag.name(),
                      "orders[search]",
                      "weight",
                      "limit",
                      Integer.toString(PAGE),
                      "offset",
                      Integer.toString(page * PAGE)),
                  null));
      JsonNode tags = answer.path("tags");
      Optional<String> exact = Optional.empty();
      for (JsonNode found : tags) {
        String name = found.path("tag").asText("");
        if (name.isBlank()) {
          continue;
        }
        Tag seen = new Tag(name);
        ids.putIfAbsent(seen.matchKey(), found.path("id").asText());
        if (seen.sameAs(tag) && exact.isEmpty()) {
          exact = Optional.of(found.path("id").asText());
        }
      }
      if (exact.isPresent()) {
        ids.put(tag.matchKey(), exact.get());
        return exact;
      }
      int total = answer.path("meta").path("total").asInt(-1);
      if (tags.size() < PAGE || (total >= 0 && (page + 1) * PAGE >= total)) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
