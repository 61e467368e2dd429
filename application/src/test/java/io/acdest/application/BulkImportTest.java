package io.acdest.application;

import static io.acdest.application.Harness.arr;
import static io.acdest.application.Harness.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryOutcome;
import io.acdest.domain.message.MessageState;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListId;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.TagSet;
import io.acdest.domain.port.out.CrmFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A backlog of identifies goes to the CRM as bulk imports where their meaning allows (§4). */
class BulkImportTest {
  private final Harness h = new Harness();

  private static Map<String, Object> newPerson(int n, Object... more) {
    Map<String, Object> traits =
        obj(
            "firstName",
            "Person",
            "lastName",
            "No" + n,
            "email",
            "p" + n + "@example.com",
            "tags",
            arr("audience"),
            "lists",
            arr(obj("id", 1, "status", "active")));
    traits.putAll(obj(more));
    return obj("type", "identify", "messageId", "i" + n, "userId", "u" + n, "traits", traits);
  }

  private List<DeliveryOutcome> deliverClaimed() {
    List<DeliveryOutcome> outcomes = new ArrayList<>();
    List<DeliveryJob> jobs;
    while (!(jobs = h.store.claim("w", 250, Duration.ofMinutes(1))).isEmpty()) {
      outcomes.addAll(h.delivery.deliverAll(jobs, Duration.ofMinutes(1), () -> true).values());
    }
    return outcomes;
  }

  @Test
  void twelveNewPeopleGoOutInOneImport() {
    List<Map<String, Object>> calls = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      calls.add(newPerson(n));
    }
    h.accept(calls.toArray(Map[]::new));

    assertThat(deliverClaimed())
        .hasSize(12)
        .allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));
    assertThat(h.crm.requests()).containsExactly("importContacts 12");
    assertThat(h.message("i3").state()).isEqualTo(MessageState.DELIVERED);
    assertThat(h.message("i3").reason()).contains("bulk import of 12 contacts");
    assertThat(h.crm.contact("p3@example.com").orElseThrow().tags).isEqualTo(TagSet.of("audience"));
    assertThat(h.directory.findByUserId("u3").orElseThrow().email())
        .isEqualTo(new EmailAddress("p3@example.com"));
  }

  @Test
  void anIdentifyHeldBackForAnErasureAfterItsClaimIsLeftOutOfTheImport() {
    List<Map<String, Object>> calls = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      calls.add(newPerson(n));
    }
    h.accept(calls.toArray(Map[]::new));
    List<DeliveryJob> jobs = h.store.claim("w", 250, Duration.ofMinutes(1));
    h.store.holdBack(Harness.key("i3"));

    assertThat(h.delivery.deliverAll(jobs, Duration.ofMinutes(1), () -> true)).hasSize(11);
    assertThat(h.crm.requests()).containsExactly("importContacts 11");
    assertThat(h.crm.contact("p3@example.com")).isEmpty();
    assertThat(h.crm.contact("p4@example.com")).isPresent();
  }

  @Test
  void aContactTheCrmRefusesWithinTheImportIsDeliveredOnItsOwn() {
    List<Map<String, Object>> calls = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      calls.add(newPerson(n));
    }
    h.crm.refuseInImports("p4@example.com");
    h.accept(calls.toArray(Map[]::new));

    assertThat(deliverClaimed())
        .hasSize(12)
        .allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));
    assertThat(h.crm.requests().get(0)).isEqualTo("importContacts 12");
    assertThat(h.crm.requests())
        .filteredOn(r -> r.startsWith("sync"))
        .containsExactly("sync p4@example.com");
    assertThat(h.message("i4").reason()).isEmpty();
    assertThat(h.message("i5").reason()).contains("bulk import of 12 contacts");
    assertThat(h.crm.contact("p4@example.com")).isPresent();
  }

  @Test
  void fewerThanTenAreDeliveredOneByOne() {
    h.accept(newPerson(1), newPerson(2), newPerson(3));
    deliverClaimed();
    assertThat(h.crm.requests()).filteredOn(r -> r.startsWith("importContacts")).isEmpty();
    assertThat(h.crm.requests()).filteredOn(r -> r.startsWith("sync")).hasSize(3);
  }

  @Test
  void callsWhoseMeaningAnImportCannotCarryGoOneByOne() {
    List<Map<String, Object>> calls = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      calls.add(newPerson(n));
    }
    calls.add(newPerson(20, "tagsReset", 1));
    calls.add(
        obj(
            "type",
            "identify",
            "messageId",
            "noname",
            "userId",
            "u21",
            "traits",
            obj("email", "n@example.com")));
    calls.add(
        obj(
            "type",
            "track",
            "messageId",
            "t",
            "userId",
            "u22",
            "event",
            "Clicked a button",
            "properties",
            obj("email", "t@example.com")));
    h.accept(calls.toArray(Map[]::new));
    deliverClaimed();

    assertThat(h.crm.requests())
        .contains(
            "importContacts 10",
            "sync p20@example.com",
            "findByEmail n@example.com",
            "trackEvent t@example.com Clicked a button");
    assertThat(h.message("i20").reason()).isEmpty();
    assertThat(h.message("noname").state()).isEqualTo(MessageState.SKIPPED);
  }

  @Test
  void aUsersLaterCallsWaitForTheImportAndThenFindTheEmail() {
    List<Map<String, Object>> calls = new ArrayList<>();
    for (int n = 0; n < 12; n++) {
      calls.add(newPerson(n));
    }
    for (int n = 0; n < 12; n++) {
      calls.add(obj("type", "track", "messageId", "t" + n, "userId", "u" + n, "event", "Joined"));
    }
    h.accept(calls.toArray(Map[]::new));
    deliverClaimed();

    assertThat(h.crm.requests().get(0)).isEqualTo("importContacts 12");
    assertThat(h.crm.events()).hasSize(12);
    assertThat(h.crm.events())
        .extracting(e -> e.email().value())
        .contains("p0@example.com", "p11@example.com");
  }

  @Test
  void aFailedImportRetriesEveryCallInIt() {
    List<Map<String, Object>> calls = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      calls.add(newPerson(n));
    }
    h.accept(calls.toArray(Map[]::new));
    h.crm.failNext(new CrmFailure(CrmFailure.Kind.TRANSIENT, "503 from the import"));
    assertThat(deliverClaimed())
        .hasSize(10)
        .allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.RetryLater.class));
    assertThat(h.store.attemptsOf(Harness.key("i7"))).isEqualTo(1);
  }

  @Test
  void anImportDoesNotResubscribeSomeoneWhoUnsubscribed() {
    List<Map<String, Object>> calls = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      calls.add(newPerson(n, "lists", arr(obj("id", 1, "status", "unsubscribed"))));
    }
    h.accept(calls.toArray(Map[]::new));
    deliverClaimed();
    List<Map<String, Object>> again = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      Map<String, Object> call =
          newPerson(n, "lists", arr(obj("id", 1, "status", "active")), "state", "Ohio");
      call.put("messageId", "again" + n);
      again.add(call);
    }
    h.accept(again.toArray(Map[]::new));
    deliverClaimed();
    assertThat(h.crm.contact("p4@example.com").orElseThrow().lists)
        .containsEntry(new ListId(1), ListSubscription.Status.UNSUBSCRIBED);
  }
}
