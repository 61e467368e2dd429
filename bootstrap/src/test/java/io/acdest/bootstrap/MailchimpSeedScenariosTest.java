package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.mailchimp.sandbox.MailchimpSandbox;
import io.acdest.adapters.mailchimp.sandbox.MailchimpSandboxSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seed's scenarios on the Mailchimp adapter ({@code CRM=mailchimp}), read from its sandbox. */
class MailchimpSeedScenariosTest extends SeedScenariosContract {
  /** The sandbox audience's merge fields by tag, as the scenario's traits name them. */
  private static final Map<String, String> TRAITS =
      Map.of("SHIRT_SIZE", "shirtSize", "STATE", "state", "MMERGE8", "multiChoice");

  @Override
  Map<String, String> environment() {
    return Map.of("CRM", "mailchimp"); // without MAILCHIMP_API_KEY: the built-in Mailchimp sandbox
  }

  private MailchimpSandbox sandbox() {
    return service.launcher.sandbox(MailchimpSandbox.class).orElseThrow();
  }

  private Optional<JsonNode> member(String audience, String email) {
    for (JsonNode member : sandbox().state().path("audiences").path(audience).path("members")) {
      if (member.path("email_address").asText().equals(email)) {
        return Optional.of(member);
      }
    }
    return Optional.empty();
  }

  @Override
  CrmView view(RunningService service) {
    return new CrmView() {
      @Override
      public Object listId(int n) {
        return MailchimpSandboxSettings.OTHER_AUDIENCES.get(n);
      }

      @Override
      public Optional<Person> person(String email) {
        return member(MailchimpSandboxSettings.AUDIENCE, email)
            .map(
                member -> {
                  Map<String, List<String>> fields = new LinkedHashMap<>();
                  member
                      .path("merge_fields")
                      .fields()
                      .forEachRemaining(
                          field -> {
                            if (!field.getValue().asText().isEmpty()
                                && TRAITS.containsKey(field.getKey())) {
                              fields.put(
                                  TRAITS.get(field.getKey()),
                                  Arrays.asList(field.getValue().asText().split(", ")));
                            }
                          });
                  Set<String> tags = new LinkedHashSet<>();
                  member.path("tags").forEach(tag -> tags.add(tag.asText()));
                  Map<String, String> lists = new LinkedHashMap<>();
                  for (String other : MailchimpSandboxSettings.OTHER_AUDIENCES) {
                    member(other, email)
                        .ifPresent(there -> lists.put(other, there.path("status").asText()));
                  }
                  return new Person(
                      member.path("merge_fields").path("FNAME").asText(),
                      member.path("merge_fields").path("LNAME").asText(),
                      fields,
                      tags,
                      lists);
                });
      }

      @Override
      public List<Event> events(String email) {
        List<Event> events = new ArrayList<>();
        member(MailchimpSandboxSettings.AUDIENCE, email)
            .ifPresent(
                member ->
                    member
                        .path("events")
                        .forEach(
                            event ->
                                events.add(
                                    new Event(
                                        event.path("name").asText(),
                                        event.path("properties").path("acValue").asText()))));
        return events;
      }

      @Override
      public String eventName(String trackName) {
        return trackName.replace(' ', '_');
      }

      @Override
      public boolean keepsSiteVisits() {
        return false;
      }

      @Override
      public List<String> visits(String email) {
        List<String> urls = new ArrayList<>();
        member(MailchimpSandboxSettings.AUDIENCE, email)
            .ifPresent(
                member ->
                    member
                        .path("events")
                        .forEach(
                            event -> {
                              if (event.path("name").asText().equals("page_viewed")) {
                                urls.add(event.path("properties").path("url").asText());
                              }
                            }));
        return urls;
      }
    };
  }

  @Test
  void neverMoreThanTenRequestsInFlight() {
    janeKimWithFieldsTagsResetAndLists();
    assertThat(sandbox().state().path("mostInFlight").asInt()).isBetween(1, 10);
    assertThat(sandbox().state().path("answered429").asInt()).isZero();
  }
}
