package io.acdest.adapters.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.acdest.adapters.mailchimp.sandbox.MailchimpSandbox;
import io.acdest.adapters.mailchimp.sandbox.MailchimpSandboxSettings;
import io.acdest.application.fakes.InMemoryAttemptLog;
import io.acdest.application.fakes.InMemoryRateLimiter;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.model.Contact;
import io.acdest.domain.model.ContactImport;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.CustomFieldKey;
import io.acdest.domain.model.CustomFieldValue;
import io.acdest.domain.model.CustomFieldValues;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.EventName;
import io.acdest.domain.model.EventValue;
import io.acdest.domain.model.ListId;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.PageUrl;
import io.acdest.domain.model.PersonName;
import io.acdest.domain.model.SiteVisit;
import io.acdest.domain.model.TagChange;
import io.acdest.domain.model.TagSet;
import io.acdest.domain.model.TrackedEvent;
import io.acdest.domain.port.out.AttemptLog;
import io.acdest.domain.port.out.CrmActivity;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.shared.RateLimiter;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Mailchimp adapter through its Guice module against the Mailchimp sandbox. */
class MailchimpAdapterTest {
  private static final String KEY = "0123456789abcdef0123456789abcdef-us21";
  private static final String OTHER = MailchimpSandboxSettings.OTHER_AUDIENCES.get(0);

  private final Vertx vertx = Vertx.vertx();
  private final MailchimpSandbox sandbox =
      MailchimpSandbox.start(vertx, MailchimpSandboxSettings.withKey(KEY), 0);
  private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(Clock.systemUTC());
  private final InMemoryAttemptLog attempts = new InMemoryAttemptLog(job -> Optional.empty());

  @AfterEach
  void stop() {
    sandbox.stop();
    vertx.close();
  }

  private record Adapter(CrmContacts contacts, CrmActivity activity) {}

  private Adapter adapter(String key, String audience, boolean pagesAsEvents, int connections) {
    MailchimpSettings settings =
        new MailchimpSettings(
            URI.create(sandbox.apiUrl()),
            key,
            audience,
            "subscribed",
            pagesAsEvents,
            Duration.ofSeconds(5),
            connections);
    Injector injector =
        Guice.createInjector(
            new MailchimpModule(settings, settings.account()),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Vertx.class).toInstance(vertx);
                bind(RateLimiter.class).toInstance(limiter);
                bind(AttemptLog.class).toInstance(attempts);
                bind(Clock.class).toInstance(Clock.systemUTC());
              }
            });
    return new Adapter(
        injector.getInstance(CrmContacts.class), injector.getInstance(CrmActivity.class));
  }

  private Adapter adapter() {
    return adapter(KEY, MailchimpSandboxSettings.AUDIENCE, false, 10);
  }

  private static Contact contact(String email, String first, String last, Object... traits) {
    Map<CustomFieldKey, CustomFieldValue> values = new LinkedHashMap<>();
    for (int i = 0; i < traits.length; i += 2) {
      values.put(
          CustomFieldKey.of((String) traits[i]),
          CustomFieldValue.encode(traits[i + 1]).orElseThrow());
    }
    return new Contact(
        new EmailAddress(email),
        new PersonName(Optional.ofNullable(first), Optional.ofNullable(last)),
        Optional.empty(),
        Optional.empty(),
        new CustomFieldValues(values));
  }

  private JsonNode member(String audience, String email) {
    for (JsonNode member : sandbox.state().path("audiences").path(audience).path("members")) {
      if (member.path("email_address").asText().equals(email)) {
        return member;
      }
    }
    return null;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  @Test
  void theSubscriberHashIsTheMd5OfTheLowerCaseEmailAsMailchimpsReferenceShowsIt() {
    // the Marketing API reference's own example member
    assertThat(SubscriberHash.of("Urist.McVankab@freddiesjokes.com"))
        .isEqualTo("62eeb292278cc15f5817cb78f7790b08");
  }

  @Test
  void anIdentifyUpsertsTheMemberWithNameAndMergeFieldsMatchedByTagOrName() {
    // the sandbox's audience has SHIRT_SIZE "Shirt Size" and MMERGE8 "Multi Choice" (a merge tag
    // holds 10 characters)
    Adapter adapter = adapter();

    CrmContacts.ContactSync sync =
        adapter
            .contacts()
            .sync(
                contact(
                    "jane.kim@example.com",
                    "Jane",
                    "Kim",
                    "shirtSize",
                    "medium",
                    "multiChoice",
                    List.of("Value1", "Value2"),
                    "shoeSize",
                    39),
                DeliveryContext.NONE);

    assertThat(sync.contact().value()).isEqualTo(SubscriberHash.of("jane.kim@example.com"));
    assertThat(sync.unmatchedFields()).containsExactly("shoeSize");
    JsonNode jane = member(MailchimpSandboxSettings.AUDIENCE, "jane.kim@example.com");
    assertThat(jane.path("status").asText()).isEqualTo("subscribed");
    assertThat(jane.path("merge_fields").path("FNAME").asText()).isEqualTo("Jane");
    assertThat(jane.path("merge_fields").path("LNAME").asText()).isEqualTo("Kim");
    assertThat(jane.path("merge_fields").path("SHIRT_SIZE").asText()).isEqualTo("medium");
    assertThat(jane.path("merge_fields").path("MMERGE8").asText()).isEqualTo("Value1, Value2");
  }

  @Test
  void anIdentifyNeverResubscribesAMemberWhoUnsubscribed() {
    Adapter adapter = adapter();
    adapter.contacts().sync(contact("jane.kim@example.com", "Jane", "Kim"), DeliveryContext.NONE);
    sandbox.unsubscribe("jane.kim@example.com");

    adapter.contacts().sync(contact("jane.kim@example.com", "Janet", "Kim"), DeliveryContext.NONE);

    JsonNode jane = member(MailchimpSandboxSettings.AUDIENCE, "jane.kim@example.com");
    assertThat(jane.path("status").asText()).isEqualTo("unsubscribed");
    assertThat(jane.path("merge_fields").path("FNAME").asText()).isEqualTo("Janet");
  }

  @Test
  void tagsResetMakesTheOtherTagsInactiveInTheSameChange() {
    Adapter adapter = adapter();
    CrmContactId jane =
        adapter
            .contacts()
            .sync(contact("jane.kim@example.com", "Jane", "Kim"), DeliveryContext.NONE)
            .contact();
    adapter
        .contacts()
        .applyTags(
            jane, new TagChange(false, TagSet.of("old-tag", "checkout")), DeliveryContext.NONE);

    adapter
        .contacts()
        .applyTags(
            jane, new TagChange(true, TagSet.of("Checkout", "abandoned")), DeliveryContext.NONE);

    assertThat(
            texts(member(MailchimpSandboxSettings.AUDIENCE, "jane.kim@example.com").path("tags")))
        .containsExactlyInAnyOrder("checkout", "abandoned");
  }

  @Test
  void listsAreOtherAudiencesAndAnUnsubscribedMemberCannotBeSubscribedAgain() {
    Adapter adapter = adapter();
    CrmContactId jane =
        adapter
            .contacts()
            .sync(contact("jane.kim@example.com", "Jane", "Kim"), DeliveryContext.NONE)
            .contact();

    adapter
        .contacts()
        .applyListSubscriptions(
            jane,
            List.of(
                new ListSubscription(new ListId(OTHER), ListSubscription.Status.SUBSCRIBED),
                new ListSubscription(
                    new ListId(MailchimpSandboxSettings.OTHER_AUDIENCES.get(1)),
                    ListSubscription.Status.UNSUBSCRIBED)),
            DeliveryContext.NONE);

    assertThat(member(OTHER, "jane.kim@example.com").path("status").asText())
        .isEqualTo("subscribed");
    assertThat(
            member(MailchimpSandboxSettings.OTHER_AUDIENCES.get(1), "jane.kim@example.com")
                .path("status")
                .asText())
        .isEqualTo("unsubscribed");
    adapter
        .contacts()
        .applyListSubscriptions(
            jane,
            List.of(new ListSubscription(new ListId(OTHER), ListSubscription.Status.UNSUBSCRIBED)),
            DeliveryContext.NONE);
    assertThatThrownBy(
            () ->
                adapter
                    .contacts()
                    .applyListSubscriptions(
                        jane,
                        List.of(
                            new ListSubscription(
                                new ListId(OTHER), ListSubscription.Status.SUBSCRIBED)),
                        DeliveryContext.NONE))
        .isInstanceOfSatisfying(
            CrmFailure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(CrmFailure.Kind.PERMANENT);
              assertThat(failure.getMessage()).contains("400 Member In Compliance State");
            });
  }

  @Test
  void anEventIsAMemberEventWithAValidNameAndItsSingleValuedPropertiesAsText() {
    Adapter adapter = adapter();
    adapter.contacts().sync(contact("jane.kim@example.com", "Jane", "Kim"), DeliveryContext.NONE);

    CrmActivity.Outcome outcome =
        adapter
            .activity()
            .trackEvent(
                new TrackedEvent(
                    new EmailAddress("jane.kim@example.com"),
                    new EventName("Clicked a button!"),
                    Optional.of(new EventValue("Signup button")),
                    Instant.parse("2026-11-28T10:00:00Z"),
                    Map.of("acValue", "Signup button")),
                DeliveryContext.NONE);

    assertThat(outcome).isInstanceOf(CrmActivity.Recorded.class);
    JsonNode event =
        member(MailchimpSandboxSettings.AUDIENCE, "jane.kim@example.com").path("events").get(0);
    assertThat(event.path("name").asText()).isEqualTo("Clicked_a_button");
    assertThat(event.path("properties").path("acValue").asText()).isEqualTo("Signup button");
    assertThat(event.path("occurred_at").asText()).isEqualTo("2026-11-28T10:00:00Z");
  }

  @Test
  void eventNamesAreMadeValidForMailchimp() {
    assertThat(MailchimpCrmActivity.eventName("Order Completed")).isEqualTo("Order_Completed");
    assertThat(MailchimpCrmActivity.eventName("A")).isEqualTo("A_");
    assertThat(MailchimpCrmActivity.eventName("¡¡!!")).isEqualTo("event");
    assertThat(MailchimpCrmActivity.eventName("a very long event name that goes on and on"))
        .hasSize(30);
  }

  @Test
  void anEventForAnEmailThatIsNoMemberIsNotKeptRatherThanRetried() {
    CrmActivity.Outcome outcome =
        adapter()
            .activity()
            .trackEvent(
                new TrackedEvent(
                    new EmailAddress("nobody@example.com"),
                    new EventName("Joined"),
                    Optional.empty(),
                    Instant.now()),
                DeliveryContext.NONE);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            CrmActivity.NotKept.class,
            notKept -> assertThat(notKept.reason()).contains("nobody@example.com is not one"));
  }

  @Test
  void aPageIsNotKeptUnlessPagesAreRecordedAsEvents() {
    SiteVisit visit =
        new SiteVisit(
            new EmailAddress("jane.kim@example.com"),
            new PageUrl("https://shop.example.com/pricing"),
            Optional.of(new PageUrl("https://news.example.org/")),
            Instant.now());
    assertThat(adapter().activity().recordVisit(visit, DeliveryContext.NONE))
        .isInstanceOfSatisfying(
            CrmActivity.NotKept.class,
            notKept -> assertThat(notKept.reason()).contains("Mailchimp keeps no site visits"));

    Adapter recording = adapter(KEY, MailchimpSandboxSettings.AUDIENCE, true, 10);
    recording.contacts().sync(contact("jane.kim@example.com", "Jane", "Kim"), DeliveryContext.NONE);
    assertThat(recording.activity().recordVisit(visit, DeliveryContext.NONE))
        .isInstanceOf(CrmActivity.Recorded.class);
    JsonNode event =
        member(MailchimpSandboxSettings.AUDIENCE, "jane.kim@example.com").path("events").get(0);
    assertThat(event.path("name").asText()).isEqualTo("page_viewed");
    assertThat(event.path("properties").path("url").asText())
        .isEqualTo("https://shop.example.com/pricing");
    assertThat(event.path("properties").path("referrer").asText())
        .isEqualTo("https://news.example.org/");
  }

  @Test
  void aBatchSubscribeReportsTheMembersMailchimpRefusedSoTheyGoOnTheirOwn() {
    Adapter adapter = adapter();
    sandbox.deletePermanently("p3@example.com");
    List<ContactImport> imports = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      imports.add(
          new ContactImport(
              contact("p" + n + "@example.com", "P" + n, "Person"),
              TagSet.of("audience"),
              List.of()));
    }

    List<CrmContacts.Imported> imported =
        adapter.contacts().importContacts(imports, DeliveryContext.NONE);

    assertThat(imported).hasSize(12);
    assertThat(imported.get(3).refused())
        .hasValueSatisfying(why -> assertThat(why).contains("permanently deleted"));
    assertThat(imported.stream().filter(i -> i.refused().isEmpty())).hasSize(11);
    assertThat(texts(member(MailchimpSandboxSettings.AUDIENCE, "p5@example.com").path("tags")))
        .containsExactly("audience");
    assertThat(member(MailchimpSandboxSettings.AUDIENCE, "p3@example.com")).isNull();
  }

  @Test
  void aNewEmailMovesTheMember() {
    Adapter adapter = adapter();
    CrmContactId jane =
        adapter
            .contacts()
            .sync(contact("jane.kim@example.com", "Jane", "Kim"), DeliveryContext.NONE)
            .contact();

    adapter
        .contacts()
        .changeEmail(jane, new EmailAddress("jane@kim.example"), DeliveryContext.NONE);

    assertThat(member(MailchimpSandboxSettings.AUDIENCE, "jane@kim.example")).isNotNull();
    assertThat(member(MailchimpSandboxSettings.AUDIENCE, "jane.kim@example.com")).isNull();
    assertThat(
            adapter
                .contacts()
                .findByEmail(new EmailAddress("jane@kim.example"), DeliveryContext.NONE))
        .isPresent();
    assertThat(
            adapter
                .contacts()
                .findByEmail(new EmailAddress("jane.kim@example.com"), DeliveryContext.NONE))
        .isEmpty();
  }

  @Test
  void mailchimpsRefusalsAreClassifiedAsSection4Says() {
    assertThatThrownBy(
            () ->
                adapter("wrong-key-us21", MailchimpSandboxSettings.AUDIENCE, false, 10)
                    .contacts()
                    .sync(contact("jane.kim@example.com", "Jane", "Kim"), DeliveryContext.NONE))
        .isInstanceOfSatisfying(
            CrmFailure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(CrmFailure.Kind.CONFIGURATION);
              assertThat(failure.getMessage())
                  .contains("401 API Key Invalid")
                  .doesNotContain("wrong-key");
            });
    assertThatThrownBy(
            () ->
                adapter(KEY, "ffffffffff", false, 10)
                    .contacts()
                    .sync(contact("jane.kim@example.com", "Jane", "Kim"), DeliveryContext.NONE))
        .isInstanceOfSatisfying(
            CrmFailure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(CrmFailure.Kind.CONFIGURATION);
              assertThat(failure.getMessage())
                  .contains("Resource Not Found")
                  .contains("MAILCHIMP_AUDIENCE_ID");
            });
    sandbox.addMergeField("COMPANY", "Company", true);
    assertThatThrownBy(
            () ->
                adapter()
                    .contacts()
                    .sync(contact("jane.kim@example.com", "Jane", "Kim"), DeliveryContext.NONE))
        .isInstanceOfSatisfying(
            CrmFailure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(CrmFailure.Kind.PERMANENT);
              assertThat(failure.getMessage())
                  .contains(
                      "400 Invalid Resource: Your merge fields were invalid. (COMPANY: Please enter a value)");
            });
  }

  @Test
  void neverMoreThanTheKeysConnectionsInFlightWhereasTheSandboxRefusesTheEleventh()
      throws Exception {
    JsonNode limited = manyAtOnce(adapter());
    assertThat(limited.path("answered429").asInt()).isZero();
    assertThat(limited.path("mostInFlight").asInt()).isBetween(2, 10);

    // the same load with the client allowed 30 at once: the sandbox, like Mailchimp, answers 429
    JsonNode unlimited = manyAtOnce(adapter(KEY, MailchimpSandboxSettings.AUDIENCE, false, 30));
    assertThat(unlimited.path("answered429").asInt()).isPositive();
    assertThat(unlimited.path("mostInFlight").asInt()).isGreaterThan(10);
  }

  /** 30 senders, 5 upserts each, at once; the sandbox's state after. */
  private JsonNode manyAtOnce(Adapter adapter) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(30);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int sender = 0; sender < 30; sender++) {
        int s = sender;
        done.add(
            senders.submit(
                () -> {
                  for (int n = 0; n < 5; n++) {
                    try {
                      adapter
                          .contacts()
                          .sync(
                              contact("s" + s + "-" + n + "@example.com", "S", "Sender"),
                              DeliveryContext.NONE);
                    } catch (CrmFailure throttled) {
                      // counted by the sandbox
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> sender : done) {
        sender.get(60, TimeUnit.SECONDS);
      }
    } finally {
      senders.shutdownNow();
    }
    return sandbox.state();
  }
}
