package io.acdest.adapters.activecampaign;

import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.ListSubscription;

/** ActiveCampaign JSON for {@code POST /api/3/contactLists}: a contact's status on one list. */
record AcContactListRequest(AcContactList contactList) {

  /** The {@code contactList} object; ids and status are strings, as the published schema types them. */
  public record AcContactList(String list, String contact, String status) {}

  /** ActiveCampaign's status codes: {@code "1"} subscribed, {@code "2"} unsubscribed. */
  public static String statusCode(ListSubscription.Status status) {
    return switch (status) {
      case SUBSCRIBED -> "1";
      case UNSUBSCRIBED -> "2";
    };
  }

  public static AcContactListRequest from(CrmContactId contact, ListSubscription subscription) {
    return new AcContactListRequest(
        new AcContactList(
            subscription.list().toString(), contact.value(), statusCode(subscription.status())));
  }
}
