package io.acdest.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.domain.call.CallFields;
import io.acdest.domain.call.OrderingKey;
import io.acdest.domain.call.PersonIdentifiers;
import io.acdest.domain.call.ReceivedCall;
import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.TagSet;
import io.acdest.domain.port.out.ContactDirectory.SyncedState;
import io.acdest.domain.port.out.NewMessage;
import io.acdest.domain.port.out.PersonalData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A person erased from the PostgreSQL store leaves no trace in any table or column. */
class PersonalDataTest {
  private final PersistenceJson json = new PersistenceJson();
  private final Clock clock = Clock.systemUTC();
  private DataSource db;

  @BeforeEach
  void setUp() {
    db = TestDatabase.shared();
    TestDatabase.truncate(db);
  }

  private static NewMessage message(
      String messageId, MessageState state, Map<String, Object> event) {
    event.put("messageId", messageId);
    String type = (String) event.get("type");
    Optional<OrderingKey> key =
        state == MessageState.ACCEPTED
            ? Optional.of(
                new OrderingKey("user:" + event.getOrDefault("userId", event.get("anonymousId"))))
            : Optional.empty();
    return new NewMessage(
        new MessageKey(Messages.SOURCE, new MessageId(messageId)),
        new ReceivedCall(Messages.SOURCE, type, CallFields.root(event), Instant.now()),
        Instant.now(),
        state,
        Optional.empty(),
        List.of(),
        List.of(),
        key);
  }

  private static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private List<String> tracesOf(String needle) throws Exception {
    return StoredTraces.of(db, needle);
  }

  @Test
  void aPersonWithMessagesInEveryStateLinkedIdsAndASyncedContactLeavesNoTrace() throws Exception {
    JdbcMessageLog log = new JdbcMessageLog(db, json, clock);
    JdbcDeliveryQueue queue = new JdbcDeliveryQueue(db, json, clock);
    JdbcContactDirectory directory =
        new JdbcContactDirectory(
            db, json, clock, new io.acdest.domain.model.CrmAccount("test-account"));
    log.record(
        List.of(
            message(
                "identify",
                MessageState.ACCEPTED,
                obj(
                    "type",
                    "identify",
                    "userId",
                    "ze8rt1u89",
                    "traits",
                    obj("firstName", "Jane", "email", "Jane.Kim@example.com"))),
            message(
                "page-anon",
                MessageState.ACCEPTED,
                obj(
                    "type",
                    "page",
                    "anonymousId",
                    "anon-77",
                    "properties",
                    obj("url", "https://shop.example.com/"))),
            message(
                "track-dead",
                MessageState.ACCEPTED,
                obj("type", "track", "userId", "ze8rt1u89", "event", "Joined")),
            message(
                "filtered",
                MessageState.FILTERED,
                obj("type", "track", "userId", "ze8rt1u89", "event", "Joined")),
            message(
                "rejected",
                MessageState.REJECTED,
                obj("type", "track", "properties", obj("email", "jane.kim@example.com"))),
            message("ignored", MessageState.IGNORED, obj("type", "screen", "userId", "ze8rt1u89")),
            message(
                "alias",
                MessageState.IGNORED,
                obj("type", "alias", "previousId", "anon-77", "userId", "ze8rt1u89")),
            message(
                "someone-else",
                MessageState.ACCEPTED,
                obj("type", "track", "userId", "other-user", "event", "Joined"))));
    List<DeliveryJob> jobs;
    while (!(jobs = queue.claim("w", 10, Duration.ofMinutes(1))).isEmpty()) {
      for (DeliveryJob job : jobs) {
        String id = job.message().messageId().value();
        new JdbcAttemptLog(db)
            .record(
                new Attempt(
                    job.id(),
                    "contact.sync",
                    Optional.of(200),
                    Duration.ofMillis(5),
                    Optional.empty(),
                    Optional.empty(),
                    Instant.now(),
                    Optional.of("POST /api/3/contact/sync")));
        if (id.equals("identify")) {
          queue.complete(job, new DeliveryOutcome.Delivered(List.of()));
        } else if (id.equals("track-dead")) {
          queue.complete(job, new DeliveryOutcome.Failed("422 jane.kim@example.com is not valid"));
        } else if (id.equals("page-anon")) {
          queue.complete(job, new DeliveryOutcome.Skipped("no email for user"));
        } else {
          queue.complete(job, new DeliveryOutcome.Delivered(List.of()));
        }
      }
    }
    directory.remember(
        UserIdentity.ofUser("ze8rt1u89"),
        new EmailAddress("jane.kim@example.com"),
        new CrmContactId("ac-contact-9f31x"));
    directory.alias("anon-77", "ze8rt1u89");
    directory.rememberSynced(
        new SyncedState(
            new CrmContactId("ac-contact-9f31x"),
            new EmailAddress("jane.kim@example.com"),
            TagSet.of("vip"),
            Map.of(),
            "fingerprint",
            Instant.now()));
    assertThat(tracesOf("jane.kim@example.com")).isNotEmpty();

    JdbcPersonalData data =
        new JdbcPersonalData(db, clock, new io.acdest.domain.model.CrmAccount("test-account"));
    PersonalData.Person jane =
        data.find(
            PersonIdentifiers.requested(
                Optional.empty(), Optional.empty(), Optional.of("jane.kim@example.com")));
    assertThat(jane.identifiers().userIds()).contains("ze8rt1u89");
    assertThat(jane.identifiers().anonymousIds()).contains("anon-77");
    assertThat(jane.contacts()).containsExactly(new CrmContactId("ac-contact-9f31x"));

    PersonalData.ErasedCounts erased = data.erase(jane, Duration.ofSeconds(5));

    assertThat(erased.messages()).isEqualTo(7);
    assertThat(erased.jobs()).isEqualTo(3);
    assertThat(erased.attempts()).isEqualTo(3);
    assertThat(erased.directoryEntries()).isGreaterThanOrEqualTo(3);
    assertThat(tracesOf("jane.kim@example.com")).isEmpty();
    assertThat(tracesOf("ze8rt1u89")).isEmpty();
    assertThat(tracesOf("anon-77")).isEmpty();
    assertThat(tracesOf("ac-contact-9f31x")).isEmpty();
    assertThat(tracesOf("other-user")).isNotEmpty(); // someone else's calls stay
  }

  @Test
  void identifiersAreMatchedAsTheIntakeReadsThemAndAnUnstorableEventsTextIsSearchedToo()
      throws Exception {
    // issue 23: after erasing a person by userId and email, a call whose email had leading spaces
    // and one the store
    // could not hold as received (kept as its text) remained
    JdbcMessageLog log = new JdbcMessageLog(db, json, clock);
    log.record(
        List.of(
            message(
                "spaced",
                MessageState.ACCEPTED,
                obj(
                    "type",
                    "identify",
                    "userId",
                    " ze8rt1u89 ",
                    "traits",
                    obj("firstName", "Jane", "email", "  Jane.Kim@Example.com\t"))),
            message(
                "poison",
                MessageState.ACCEPTED,
                obj(
                    "type",
                    "track",
                    "userId",
                    "someone",
                    "event",
                    "Joined",
                    "properties",
                    obj(
                        "email",
                        "jane.kim@example.com",
                        "acValue",
                        new java.math.BigDecimal("1e999999")))),
            message(
                "poison-other",
                MessageState.ACCEPTED,
                obj(
                    "type",
                    "track",
                    "userId",
                    "other-user",
                    "event",
                    "Joined",
                    "properties",
                    obj("acValue", new java.math.BigDecimal("1e999999"))))));
    assertThat(tracesOf("Jane.Kim@Example.com")).isNotEmpty();

    JdbcPersonalData data =
        new JdbcPersonalData(db, clock, new io.acdest.domain.model.CrmAccount("test-account"));
    PersonalData.Person jane =
        data.find(
            PersonIdentifiers.requested(
                Optional.of("ze8rt1u89"), Optional.empty(), Optional.of("jane.kim@example.com")));
    assertThat(data.erase(jane, Duration.ofSeconds(5)).messages()).isEqualTo(2);
    assertThat(tracesOf("ze8rt1u89")).isEmpty();
    assertThat(tracesOf("Jane.Kim@Example.com")).isEmpty();
    assertThat(tracesOf("jane.kim@example.com")).isEmpty();
    assertThat(tracesOf("other-user")).as("someone else's unstorable call stays").isNotEmpty();
  }

  @Test
  void aDeliveryOfThePersonThatBeganIsWaitedForAndOneClaimedButNotBegunNeverBegins()
      throws Exception {
    JdbcMessageLog log = new JdbcMessageLog(db, json, clock);
    JdbcDeliveryQueue queue = new JdbcDeliveryQueue(db, json, clock);
    log.record(
        List.of(
            message(
                "t1",
                MessageState.ACCEPTED,
                obj("type", "track", "userId", "u1", "event", "Joined")),
            message("p1", MessageState.ACCEPTED, obj("type", "page", "anonymousId", "a1")),
            message(
                "other",
                MessageState.ACCEPTED,
                obj("type", "track", "userId", "u2", "event", "Joined"))));
    Map<String, DeliveryJob> claimed = new LinkedHashMap<>();
    queue
        .claim("w", 10, Duration.ofMinutes(1))
        .forEach(job -> claimed.put(job.message().messageId().value(), job));
    assertThat(claimed).containsOnlyKeys("t1", "p1", "other");
    assertThat(queue.start(List.of(claimed.get("t1")), Duration.ofMinutes(1)))
        .hasSize(1); // its request is out
    JdbcPersonalData data =
        new JdbcPersonalData(db, clock, new io.acdest.domain.model.CrmAccount("test-account"));
    PersonalData.Person person =
        data.find(
            PersonIdentifiers.requested(Optional.of("u1"), Optional.of("a1"), Optional.empty()));

    List<DeliveryJob> begunMeanwhile = new ArrayList<>();
    Thread worker =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    Thread.sleep(600);
                  } catch (InterruptedException e) {
                    return;
                  }
                  // the worker goes on through its claim while the erasure waits: p1 is the
                  // person's, other is not
                  begunMeanwhile.addAll(
                      queue.start(
                          List.of(claimed.get("p1"), claimed.get("other")), Duration.ofMinutes(1)));
                  queue.complete(claimed.get("t1"), new DeliveryOutcome.Delivered(List.of()));
                });
    Instant started = Instant.now();
    PersonalData.ErasedCounts erased = data.erase(person, Duration.ofSeconds(10));
    worker.join();

    assertThat(Duration.between(started, Instant.now()))
        .as("waited for t1's request")
        .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    assertThat(begunMeanwhile)
        .extracting(job -> job.message().messageId().value())
        .containsExactly("other");
    assertThat(erased.messages()).isEqualTo(2);
    assertThat(queue.start(List.of(claimed.get("p1")), Duration.ofMinutes(1))).isEmpty();
    assertThat(tracesOf("u1")).isEmpty();
    assertThat(tracesOf("a1")).isEmpty();
  }

  @Test
  void aDeliveryThatBeganIsWaitedForNoLongerThanTheWait() {
    JdbcMessageLog log = new JdbcMessageLog(db, json, clock);
    JdbcDeliveryQueue queue = new JdbcDeliveryQueue(db, json, clock);
    log.record(
        List.of(
            message(
                "t1",
                MessageState.ACCEPTED,
                obj("type", "track", "userId", "u1", "event", "Joined"))));
    DeliveryJob stuck = queue.claim("w", 1, Duration.ofMinutes(1)).get(0);
    queue.start(List.of(stuck), Duration.ofMinutes(1));
    JdbcPersonalData data =
        new JdbcPersonalData(db, clock, new io.acdest.domain.model.CrmAccount("test-account"));

    PersonalData.ErasedCounts erased =
        data.erase(
            data.find(
                PersonIdentifiers.requested(Optional.of("u1"), Optional.empty(), Optional.empty())),
            Duration.ofMillis(300));

    assertThat(erased.messages()).isEqualTo(1);
    assertThat(queue.complete(stuck, new DeliveryOutcome.Delivered(List.of())))
        .as("nothing left to record")
        .isFalse();
  }
}
