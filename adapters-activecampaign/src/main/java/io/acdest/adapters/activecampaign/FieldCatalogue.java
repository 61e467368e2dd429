package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.crm.CrmRequest;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.model.CustomFieldCatalogue;
import io.acdest.domain.model.CustomFieldDefinition;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The account's custom fields, read whole (accounts hold tens to hundreds; {@value #PAGE} a page) and cached. The
 * account changes under the service, so the copy is read again: when a trait matches no field and the copy is over
 * {@link #REFRESH_ON_MISS} old (a field added in the account is used within a minute, and a trait that never matches
 * does not reload it on every identify); when it is over {@link #REFRESH_EVERY} old (a field deleted in the account
 * stops being sent even if ActiveCampaign would ignore it silently); and at once when the account refuses a field
 * the copy still holds.
 */
final class FieldCatalogue {
  static final Duration REFRESH_ON_MISS = Duration.ofMinutes(1);
  static final Duration REFRESH_EVERY = Duration.ofMinutes(15);
  static final int PAGE = 100;

  private final AcHttp http;
  private final Clock clock;
  private CustomFieldCatalogue fields;
  private Instant loadedAt;

  FieldCatalogue(AcHttp http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /** The fields; read again when {@code anyMissing} and the copy is over a minute old, or when it is stale. */
  synchronized CustomFieldCatalogue current(boolean anyMissing, DeliveryContext on) {
    Instant now = clock.instant();
    if (fields == null
        || now.isAfter(loadedAt.plus(REFRESH_EVERY))
        || (anyMissing && now.isAfter(loadedAt.plus(REFRESH_ON_MISS)))) {
      load(on);
    }
    return fields;
  }

  /** Reads the fields again now (the account refused one the copy holds); returns the new copy. */
  synchronized CustomFieldCatalogue reload(DeliveryContext on) {
    load(on);
    return fields;
  }

  private void load(DeliveryContext on) {
    List<CustomFieldDefinition> loaded = new ArrayList<>();
    int offset = 0;
    while (true) {
      JsonNode page =
          http.rest(
              on,
              new CrmRequest(
                  "fields.list",
                  HttpMethod.GET,
                  "/fields",
                  Map.of("limit", Integer.toString(PAGE), "offset", Integer.toString(offset)),
                  null));
      JsonNode items = page.path("fields");
      items.forEach(
          field ->
              loaded.add(
                  new CustomFieldDefinition(
                      field.path("id").asText(),
                      field.path("perstag").asText(""),
                      field.path("title").asText(""))));
      int total = page.path("meta").path("total").asInt(-1);
      offset += items.size();
      if (items.size() < PAGE || (total >= 0 && offset >= total)) {
        break;
      }
    }
    fields = new CustomFieldCatalogue(loaded);
    loadedAt = clock.instant();
  }
}
