package io.acdest.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The seed's scenarios on the ActiveCampaign adapter, read from its sandbox. */
class ActiveCampaignSeedScenariosTest extends SeedScenariosContract {
  /** The sandbox's custom fields by personalization tag, as the scenario's traits name them. */
  private static final Map<String, String> TRAITS =
      Map.of("SHIRT_SIZE", "shirtSize", "STATE", "state", "MULTI_CHOICE", "multiChoice");

  @Override
  Map<String, String> environment() {
    return Map
        .of(); // CRM=activecampaign is the default, and without ACTIVECAMPAIGN_API_URL its sandbox
  }

  @Override
  CrmView view(RunningService service) {
    return new CrmView() {
      @Override
      public Object listId(int n) {
        return n == 0 ? 1 : 7;
      }

      @Override
      public Optional<Person> person(String email) {
        for (JsonNode contact : service.sandbox().state().path("contacts")) {
          if (contact.path("email").asText().equals(email)) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            contact
                .path("fields")
                .fields()
                .forEachRemaining(
                    field ->
                        fields.put(
                            TRAITS.getOrDefault(field.getKey(), field.getKey()),
                            items(field.getValue().asText())));
            Set<String> tags = new LinkedHashSet<>();
            contact.path("tags").forEach(tag -> tags.add(tag.asText()));
            Map<String, String> lists = new LinkedHashMap<>();
            // ActiveCampaign's list statuses: 1 active, 2 unsubscribed
            contact
                .path("lists")
                .fields()
                .forEachRemaining(
                    list ->
                        lists.put(
                            list.getKey(),
                            list.getValue().asText().equals("1") ? "subscribed" : "unsubscribed"));
            return Optional.of(
                new Person(
                    contact.path("firstName").asText(),
                    contact.path("lastName").asText(),
                    fields,
                    tags,
                    lists));
          }
        }
        return Optional.empty();
      }

      @Override
      public List<Event> events(String email) {
        List<Event> events = new ArrayList<>();
        service
            .sandbox()
            .state()
            .path("tracking")
            .path("events")
            .forEach(
                event -> {
                  if (event.path("email").asText().equals(email)) {
                    events.add(
                        new Event(event.path("event").asText(), event.path("eventdata").asText()));
                  }
                });
        return events;
      }

      @Override
      public String eventName(String trackName) {
        return trackName;
      }

      @Override
      public boolean keepsSiteVisits() {
        return true;
      }

      @Override
      public List<String> visits(String email) {
        List<String> urls = new ArrayList<>();
        service
            .sandbox()
            .state()
            .path("tracking")
            .path("visits")
            .forEach(
                visit -> {
                  if (visit.path("email").asText().equals(email)) {
                    urls.add(visit.path("url").asText());
                  }
                });
        return urls;
      }
    };
  }

  /** A listbox value {@code ||a||b||} as its items; any other value as itself. */
  private static List<String> items(String value) {
    if (value.startsWith("||") && value.endsWith("||") && value.length() > 4) {
      return Arrays.asList(value.substring(2, value.length() - 2).split("\\|\\|"));
    }
    return List.of(value);
  }
}
