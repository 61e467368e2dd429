package io.acdest.adapters.mailchimp;

import io.acdest.adapters.crm.CrmRequest;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.SiteVisit;
import io.acdest.domain.model.TrackedEvent;
import io.acdest.domain.port.out.CrmActivity;
import io.acdest.domain.port.out.CrmFailure.Kind;
import io.vertx.core.http.HttpMethod;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tracked events as member events ({@code POST /lists/{audience}/members/{hash}/events}). Mailchimp keeps events
 * only for members of the audience: an event for an email that is not one is skipped with that reason (its identify
 * carried no name, so no member was created, docs/behaviour.md §3). Mailchimp has no site visits: a page is skipped
 * with that reason, or, when {@code MAILCHIMP_PAGE_EVENTS} is on, recorded as a {@value #PAGE_EVENT} event (decision
 * 0019).
 */
final class MailchimpCrmActivity implements CrmActivity {
  static final String PAGE_EVENT = "page_viewed";

  /** Event names are 2-30 characters (Mailchimp's answer in mailchimp/mailchimp-sdk-ios#70: "Event names must be 2-30 characters"). */
  static final int MAX_NAME = 30;

  /**
   * Event properties "have a rough limit of 1,000 characters, counting all key/value pairs" (Mailchimp, in
   * mailchimp/mailchimp-sdk-ios#70): properties beyond it are left out rather than the event refused.
   */
  static final int MAX_PROPERTY_CHARACTERS = 1_000;

  private final McHttp http;
  private final MailchimpSettings settings;

  MailchimpCrmActivity(McHttp http, MailchimpSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  @Override
  public Outcome trackEvent(TrackedEvent event, DeliveryContext on) {
    Map<String, String> properties = new LinkedHashMap<>(event.properties());
    event
        .value()
        .filter(value -> !value.isText() && !properties.containsKey("acValue"))
        .ifPresent(value -> properties.put("acValue", json(value.value())));
    return send(on, event.email(), eventName(event.name().value()), properties, event.occurredAt());
  }

  @Override
  public Outcome recordVisit(SiteVisit visit, DeliveryContext on) {
    if (!settings.pagesAsEvents()) {
      return new NotKept(
          "Mailchimp keeps no site visits: page calls are not sent"
              + " (MAILCHIMP_PAGE_EVENTS=true records them as "
              + PAGE_EVENT
              + " events)");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("url", visit.url().value());
    visit.referrer().ifPresent(referrer -> properties.put("referrer", referrer.value()));
    return send(on, visit.email(), PAGE_EVENT, properties, visit.visitedAt());
  }

  private Outcome send(
      DeliveryContext on,
      EmailAddress email,
      String name,
      Map<String, String> properties,
      Instant occurredAt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("properties", withinLimit(properties));
    body.put("is_syncing", false);
    body.put("occurred_at", DateTimeFormatter.ISO_INSTANT.format(occurredAt));
    McHttp.Answer answer =
        http.call(
            on,
            new CrmRequest(
                "members.events",
                HttpMethod.POST,
                "/lists/"
                    + settings.audienceId()
                    + "/members/"
                    + SubscriberHash.of(email)
                    + "/events",
                Map.of(),
                body));
    if (answer.status() == 404) {
      return new NotKept(
          "Mailchimp keeps events only for members of the audience, and "
              + email.value()
              + " is not one (an identify with a name makes it one)");
    }
    if (answer.status() / 100 != 2) {
      throw http.classify("members.events", answer, Kind.PERMANENT);
    }
    return new Recorded();
  }

  /**
   * An event name Mailchimp takes: 2-30 letters, digits, {@code _} or {@code -}. Every run of other characters
   * becomes one {@code _} ({@code Order Completed} → {@code Order_Completed}), the name is cut to 30, and a name of
   * one character gets a trailing {@code _} (nothing left at all: {@code event}).
   */
  static String eventName(String name) {
    String cleaned = name.strip().replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
    if (cleaned.isEmpty()) {
      return "event";
    }
    if (cleaned.length() > MAX_NAME) {
      cleaned = cleaned.substring(0, MAX_NAME);
    }
    return cleaned.length() < 2 ? cleaned + "_" : cleaned;
  }

  private static Map<String, String> withinLimit(Map<String, String> properties) {
    Map<String, String> kept = new LinkedHashMap<>();
    int used = 0;
    for (Map.Entry<String, String> property : properties.entrySet()) {
      int size = property.getKey().length() + property.getValue().length();
      if (used + size > MAX_PROPERTY_CHARACTERS) {
        continue;
      }
      kept.put(property.getKey(), property.getValue());
      used += size;
    }
    return kept;
  }

  private String json(Object value) {
    try {
      return http.json().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
