package io.acdest.adapters.activecampaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.acdest.adapters.crm.CrmRequest;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.model.SiteVisit;
import io.acdest.domain.model.TrackedEvent;
import io.acdest.domain.port.out.CrmActivity;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.CrmFailure.Kind;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CrmActivity} on ActiveCampaign's tracking: events as a form POST to {@code {trackingUrl}/event}; page
 * visits as AC's own site-tracking snippet records them, after the page's domain is allowed.
 */
final class ActiveCampaignCrmActivity implements CrmActivity {
  private final AcHttp http;
  private final ActiveCampaignSettings settings;

  /** Domains this process has allowed for site tracking (one request per domain and process). */
  private final Set<String> allowedDomains = ConcurrentHashMap.newKeySet();

  ActiveCampaignCrmActivity(AcHttp http, ActiveCampaignSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  @Override
  public Outcome trackEvent(TrackedEvent event, DeliveryContext on) {
    // ActiveCampaign keeps 32 characters of a name: longer ones are cut, and the message says so
    AcEventName name = AcEventName.of(event.name());
    String key =
        settings
            .eventKey()
            .orElseThrow(
                () ->
                    new CrmFailure(
                        Kind.CONFIGURATION,
                        "event tracking needs the account's event key (ACTIVECAMPAIGN_EVENT_KEY), which is not set"));
    MultiMap form =
        MultiMap.caseInsensitiveMultiMap()
            .add("actid", settings.accountId())
            .add("key", key)
            .add("event", name.sent())
            .add("visit", json(Map.of("email", event.email().value())));
    event
        .value()
        .ifPresent(
            value ->
                form.add(
                    "eventdata", value.isText() ? (String) value.value() : json(value.value())));
    // a refusal with 200 ({"success":0}: tracking off, wrong key) is a configuration error: it
    // pauses, never kills
    http.expectJson("event.track", http.trackingForm(on, "event.track", "/event", form), false);
    return new Recorded(name.note());
  }

  @Override
  public Outcome recordVisit(SiteVisit visit, DeliveryContext on) {
    allowDomain(visit.url().domain(), on);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("actid", settings.accountId());
    query.put("e", visit.email().value());
    query.put("u", visit.url().value());
    visit.referrer().ifPresent(referrer -> query.put("r", referrer.value()));
    AcHttp.Answer answer = http.trackingGet(on, "site.visit", "/visit", query);
    if (answer.status() / 100 != 2) {
      throw http.classify("site.visit", answer, false);
    }
    return new Recorded();
  }

  /** Site tracking only records pages of allowed domains; allow each domain once (cached). */
  private void allowDomain(String domain, DeliveryContext on) {
    if (allowedDomains.contains(domain)) {
      return;
    }
    AcHttp.Answer answer =
        http.restAnswer(
            on,
            new CrmRequest(
                "siteTrackingDomains.create",
                HttpMethod.POST,
                "/siteTrackingDomains",
                AcRequests.SiteTrackingDomainCreate.of(domain)));
    if (answer.status() == 403) {
      throw new CrmFailure(
          Kind.PERMANENT,
          "siteTrackingDomains.create: 403: site tracking is disabled in the"
              + " ActiveCampaign account; enable it under Settings → Tracking to record page visits");
    }
    boolean alreadyAllowed = answer.status() == 422 && http.error(answer).duplicate();
    if (!alreadyAllowed) {
      http.expectJson("siteTrackingDomains.create", answer, true);
    }
    allowedDomains.add(domain);
  }

  private String json(Object value) {
    try {
      return http.json().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event value not writable as JSON", e);
    }
  }
}
