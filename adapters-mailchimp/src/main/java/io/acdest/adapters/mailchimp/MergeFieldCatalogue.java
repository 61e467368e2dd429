package io.acdest.adapters.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.crm.CrmRequest;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.model.CustomFieldCatalogue;
import io.acdest.domain.model.CustomFieldDefinition;
import io.acdest.domain.port.out.CrmFailure.Kind;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audience's merge fields ({@code GET /lists/{id}/merge-fields}, {@code count} up to 1,000 a page), as custom
 * fields: the merge tag is the field's key, its name the field's name. The name, email and phone fields Mailchimp
 * creates with an audience ({@code FNAME}, {@code LNAME}, {@code PHONE}) carry the contact's own name and phone,
 * never a trait. The copy is read again when a trait matches none and it is over a minute old, and every 15 minutes
 * (merge fields are added and deleted in the account, as in any shared account).
 */
final class MergeFieldCatalogue {
  static final Duration REFRESH_ON_MISS = Duration.ofMinutes(1);
  static final Duration REFRESH_EVERY = Duration.ofMinutes(15);
  static final int PAGE = 1_000;

  /** Merge tags that hold the contact's basic fields. */
  static final Set<String> BASIC_TAGS = Set.of("FNAME", "LNAME", "PHONE");

  private final McHttp http;
  private final String audienceId;
  private final Clock clock;
  private CustomFieldCatalogue fields;
  private Instant readAt;

  MergeFieldCatalogue(McHttp http, String audienceId, Clock clock) {
    this.http = http;
    this.audienceId = audienceId;
    this.clock = clock;
  }

  /** The merge fields; read again when {@code anyMissing} and the copy is over a minute old, or when it is stale. */
  synchronized CustomFieldCatalogue current(boolean anyMissing, DeliveryContext on) {
    Instant now = clock.instant();
    boolean stale = fields == null || now.isAfter(readAt.plus(REFRESH_EVERY));
    if (stale || (anyMissing && now.isAfter(readAt.plus(REFRESH_ON_MISS)))) {
      fields = read(on);
      readAt = clock.instant();
    }
    return fields;
  }

  private CustomFieldCatalogue read(DeliveryContext on) {
    List<CustomFieldDefinition> read = new ArrayList<>();
    int total = Integer.MAX_VALUE;
    for (int offset = 0; offset < total; offset += PAGE) {
      JsonNode page =
          http.expect(
              on,
              new CrmRequest(
                  "merge-fields.list",
                  HttpMethod.GET,
                  "/lists/" + audienceId + "/merge-fields",
                  Map.of("count", Integer.toString(PAGE), "offset", Integer.toString(offset)),
                  null),
              Kind.CONFIGURATION);
      JsonNode mergeFields = page.path("merge_fields");
      mergeFields.forEach(
          field -> {
            String tag = field.path("tag").asText("");
            if (!BASIC_TAGS.contains(tag)) {
              read.add(
                  new CustomFieldDefinition(
                      field.path("merge_id").asText(tag), tag, field.path("name").asText("")));
            }
          });
      total = page.path("total_items").asInt(0);
      if (mergeFields.isEmpty()) {
        break;
      }
    }
    return new CustomFieldCatalogue(read);
  }
}
