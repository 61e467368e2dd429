package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.crm.CrmRequest;
import io.acdest.domain.delivery.DeliveryContext;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The ids of the account's lists ({@code GET /api/3/lists}, {@value #PAGE} a page), cached and read again as the
 * field catalogue is: when a list is not in the copy and the copy is over {@link #REFRESH_ON_MISS} old (a list
 * created in the account is known within a minute), and when it is over {@link #REFRESH_EVERY} old. Read only to
 * decide whether a contact may go in a bulk import, which drops a list the account does not have without a word.
 */
final class ListCatalogue {
  static final Duration REFRESH_ON_MISS = Duration.ofMinutes(1);
  static final Duration REFRESH_EVERY = Duration.ofMinutes(15);
  static final int PAGE = 100;

  private final AcHttp http;
  private final Clock clock;
  private Set<String> ids;
  private Instant loadedAt;

  ListCatalogue(AcHttp http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /** Whether the account has a list with this id, as far as a copy at most a minute old knows. */
  synchronized boolean has(String listId, DeliveryContext on) {
    Instant now = clock.instant();
    if (ids == null
        || now.isAfter(loadedAt.plus(REFRESH_EVERY))
        || (!ids.contains(listId) && now.isAfter(loadedAt.plus(REFRESH_ON_MISS)))) {
      load(on);
    }
    return ids.contains(listId);
  }

  private void load(DeliveryContext on) {
    Set<String> loaded = new HashSet<>();
    int offset = 0;
    while (true) {
      JsonNode page =
          http.rest(
              on,
              new CrmRequest(
                  "lists.list",
                  HttpMethod.GET,
                  "/lists",
                  Map.of("limit", Integer.toString(PAGE), "offset", Integer.toString(offset)),
                  null));
      JsonNode items = page.path("lists");
      items.forEach(list -> loaded.add(list.path("id").asText()));
      int total = page.path("meta").path("total").asInt(-1);
      offset += items.size();
      if (items.size() < PAGE || (total >= 0 && offset >= total)) {
        break;
      }
    }
    ids = loaded;
    loadedAt = clock.instant();
  }
}
