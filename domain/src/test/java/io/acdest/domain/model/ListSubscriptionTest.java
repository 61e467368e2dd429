package io.acdest.domain.model;

import static io.acdest.domain.call.Json.arr;
import static io.acdest.domain.call.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.domain.model.ListSubscription.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListSubscriptionTest {

  @Test
  void documentationExampleSubscribesToOneAndUnsubscribesFromSeven() {
    // lists: [{id: 1, status: 'active'}, {id: 7, status: 'unsubscribed'}]
    List<ListSubscription> lists =
        ListSubscription.parseAll(
            arr(obj("id", 1, "status", "active"), obj("id", 7, "status", "unsubscribed")),
            "traits.lists");
    assertThat(lists)
        .containsExactly(
            new ListSubscription(new ListId(1), Status.SUBSCRIBED),
            new ListSubscription(new ListId(7), Status.UNSUBSCRIBED));
  }

  @Test
  void aSingleObjectIsOneEntry() {
    assertThat(ListSubscription.parseAll(obj("id", 1, "status", "active"), "traits.lists"))
        .containsExactly(new ListSubscription(new ListId(1), Status.SUBSCRIBED));
  }

  @Test
  void theIdMayBeAStringOfDigits() {
    assertThat(
            ListSubscription.parseAll(
                arr(obj("id", "7", "status", "unsubscribed")), "traits.lists"))
        .containsExactly(new ListSubscription(new ListId(7), Status.UNSUBSCRIBED));
  }

  @Test
  void statusFromTheTraitValue() {
    assertThat(Status.from("active")).isEqualTo(Status.SUBSCRIBED);
    assertThat(Status.from(" Unsubscribed ")).isEqualTo(Status.UNSUBSCRIBED);
  }

  @Test
  void aMalformedEntryIsAnErrorNamingItsIndexAndField() {
    Object lists = arr(obj("id", 1, "status", "active"), obj("id", 7, "status", "gone"));
    assertThatThrownBy(() -> ListSubscription.parseAll(lists, "traits.lists"))
        .isInstanceOf(InvalidField.class)
        .hasMessage("traits.lists[1].status must be 'active' or 'unsubscribed'");
  }

  @Test
  void badIdsAreErrorsNamingTheIdField() {
    for (Object id : new Object[] {null, " ", 1.5, obj(), true, "x".repeat(101)}) {
      assertThatThrownBy(
              () ->
                  ListSubscription.parseAll(arr(obj("id", id, "status", "active")), "traits.lists"))
          .as("id %s", id)
          .isInstanceOf(InvalidField.class)
          .hasMessageStartingWith("traits.lists[0].id must");
    }
  }

  @Test
  void anIdIsOpaqueTextWhateverItsCrmAndAWholeNumberIsItsText() {
    // ActiveCampaign numbers its lists; Mailchimp's audiences are hashes such as a1b2c3d4e5
    assertThat(
            ListSubscription.parseAll(
                arr(
                    obj("id", "a1b2c3d4e5", "status", "active"),
                    obj("id", 7, "status", "unsubscribed")),
                "traits.lists"))
        .extracting(ListSubscription::list)
        .containsExactly(new ListId("a1b2c3d4e5"), new ListId("7"));
  }

  @Test
  void aCrmsOwnFormOfListIdsIsItsRuleToState() {
    ListIdFormat numbers =
        new ListIdFormat(
            java.util.regex.Pattern.compile("[1-9][0-9]*"), "must be a positive number");
    assertThat(numbers.problem(new ListId(7))).isEmpty();
    assertThat(numbers.problem(new ListId("seven"))).contains("must be a positive number");
    assertThat(ListIdFormat.ANY.problem(new ListId("a1b2c3d4e5"))).isEmpty();
  }

  @Test
  void anEntryThatIsNotAnObjectIsAnError() {
    assertThatThrownBy(() -> ListSubscription.parseAll(arr(1), "traits.lists"))
        .hasMessage("traits.lists[0] must be an object with id and status");
    assertThatThrownBy(() -> ListSubscription.parseAll("1", "traits.lists"))
        .hasMessage("traits.lists must be an array of {id, status} objects");
  }

  @Test
  void theLastEntryForOneListWins() {
    List<ListSubscription> lists =
        ListSubscription.parseAll(
            arr(obj("id", 1, "status", "active"), obj("id", 1, "status", "unsubscribed")),
            "traits.lists");
    assertThat(lists).containsExactly(new ListSubscription(new ListId(1), Status.UNSUBSCRIBED));
  }
}
