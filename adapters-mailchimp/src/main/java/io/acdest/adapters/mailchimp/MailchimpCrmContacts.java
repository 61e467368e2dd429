package io.acdest.adapters.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import io.acdest.adapters.crm.CrmRequest;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.model.Contact;
import io.acdest.domain.model.ContactImport;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.CustomFieldCatalogue;
import io.acdest.domain.model.CustomFieldValue;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.Tag;
import io.acdest.domain.model.TagChange;
import io.acdest.domain.port.out.CrmContacts;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.CrmFailure.Kind;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Contacts as members of the configured audience. A member's id is its subscriber hash. Identify → upsert
 * ({@code PUT /lists/{audience}/members/{hash}}, {@code status_if_new} so an existing member's status is never
 * touched); tags → {@code POST …/tags} (active; with a reset, the member's other tags inactive in the same request);
 * lists → other audiences, the member upserted there with the wanted status; backlogs → batch subscribe
 * ({@code POST /lists/{audience}}, up to 500 members, {@code update_existing}).
 */
final class MailchimpCrmContacts implements CrmContacts {
  /** Batch subscribe takes up to 500 members per call (Marketing API reference, "Batch subscribe or unsubscribe"). */
  static final int MAX_BATCH = 500;

  static final int MIN_BATCH = 10;
  private static final int REMEMBERED_EMAILS = 10_000;
  private static final int TAG_PAGE = 1_000;

  private final McHttp http;
  private final MailchimpSettings settings;
  private final MergeFieldCatalogue fields;

  /** Subscriber hash → email, for the requests that need the email again (another audience's upsert). */
  private final Map<String, String> emails =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > REMEMBERED_EMAILS;
        }
      };

  MailchimpCrmContacts(McHttp http, MailchimpSettings settings, MergeFieldCatalogue fields) {
    this.http = http;
    this.settings = settings;
    this.fields = fields;
  }

  @Override
  public Optional<CrmContactId> findByEmail(EmailAddress email, DeliveryContext on) {
    String hash = SubscriberHash.of(email);
    McHttp.Answer answer =
        http.call(
            on,
            new CrmRequest(
                "members.get",
                HttpMethod.GET,
                audience("/members/" + hash),
                Map.of("fields", "id,email_address,status"),
                null));
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (answer.status() / 100 != 2) {
      throw http.classify("members.get", answer, Kind.CONFIGURATION);
    }
    remember(hash, email.value());
    return Optional.of(new CrmContactId(hash));
  }

  @Override
  public ContactSync sync(Contact contact, DeliveryContext on) {
    CustomFieldCatalogue catalogue = catalogueFor(List.of(contact), on);
    Map<String, Object> member = new LinkedHashMap<>();
    member.put("email_address", contact.email().value());
    member.put("status_if_new", settings.statusIfNew());
    member.put("merge_fields", mergeFields(contact, catalogue));
    String hash = SubscriberHash.of(contact.email());
    JsonNode answer =
        http.expect(
            on,
            new CrmRequest(
                "members.upsert", HttpMethod.PUT, audience("/members/" + hash), Map.of(), member),
            Kind.CONFIGURATION);
    remember(hash, contact.email().value());
    return new ContactSync(
        new CrmContactId(answer.path("id").asText(hash)), unmatched(contact, catalogue));
  }

  @Override
  public void changeEmail(CrmContactId contact, EmailAddress newEmail, DeliveryContext on) {
    http.expect(
        on,
        new CrmRequest(
            "members.update",
            HttpMethod.PATCH,
            audience("/members/" + contact.value()),
            Map.of(),
            Map.of("email_address", newEmail.value())),
        Kind.CONTACT_GONE);
    remember(SubscriberHash.of(newEmail), newEmail.value());
  }

  @Override
  public void applyTags(CrmContactId contact, TagChange change, DeliveryContext on) {
    Map<String, String> statuses = new LinkedHashMap<>();
    if (change.resetFirst()) {
      for (String current : currentTags(contact, on)) {
        statuses.put(current.toLowerCase(Locale.ROOT), current);
      }
    }
    List<Map<String, String>> tags = new ArrayList<>();
    Set<String> kept = new LinkedHashSet<>();
    change.add().asList().forEach(tag -> kept.add(tag.matchKey()));
    statuses.forEach(
        (key, name) -> {
          if (!kept.contains(key)) {
            tags.add(Map.of("name", name, "status", "inactive"));
          }
        });
    for (Tag tag : change.add().asList()) {
      tags.add(Map.of("name", tag.name(), "status", "active"));
    }
    if (tags.isEmpty()) {
      return;
    }
    http.expect(
        on,
        new CrmRequest(
            "members.tags",
            HttpMethod.POST,
            audience("/members/" + contact.value() + "/tags"),
            Map.of(),
            Map.of("tags", tags, "is_syncing", false)),
        Kind.CONTACT_GONE);
  }

  @Override
  public void applyListSubscriptions(
      CrmContactId contact, List<ListSubscription> subscriptions, DeliveryContext on) {
    String email = emailOf(contact, on);
    for (ListSubscription subscription : subscriptions) {
      String status =
          subscription.status() == ListSubscription.Status.SUBSCRIBED
              ? "subscribed"
              : "unsubscribed";
      // another audience: the member is upserted there with the wanted status, created if new
      http.expect(
          on,
          new CrmRequest(
              "members.upsert",
              HttpMethod.PUT,
              "/lists/" + subscription.list().value() + "/members/" + contact.value(),
              Map.of(),
              Map.of("email_address", email, "status_if_new", status, "status", status)),
          Kind.PERMANENT);
    }
  }

  /**
   * Batch subscribe, then each imported member's tags and other audiences. A member Mailchimp refuses within the
   * batch ({@code errors[]}), or whose tags or audiences it refuses, is reported refused and delivered on its own,
   * where its answer is classified; a failure that is not about one member (throttled, a server error, the key)
   * fails the import as a whole, which is safe to send again ({@code update_existing}, tags active).
   */
  @Override
  public List<Imported> importContacts(List<ContactImport> imports, DeliveryContext on) {
    if (imports.size() > MAX_BATCH) {
      throw new IllegalArgumentException("at most " + MAX_BATCH + " members per batch subscribe");
    }
    CustomFieldCatalogue catalogue =
        catalogueFor(imports.stream().map(ContactImport::contact).toList(), on);
    List<Map<String, Object>> members = new ArrayList<>();
    for (ContactImport contactImport : imports) {
      Map<String, Object> member = new LinkedHashMap<>();
      member.put("email_address", contactImport.contact().email().value());
      member.put("status", settings.statusIfNew());
      member.put("merge_fields", mergeFields(contactImport.contact(), catalogue));
      members.add(member);
    }
    JsonNode answer =
        http.expect(
            on,
            new CrmRequest(
                "lists.batch-subscribe",
                HttpMethod.POST,
                audience(""),
                Map.of(),
                Map.of("members", members, "update_existing", true)),
            Kind.CONFIGURATION);
    Map<String, String> refused = new HashMap<>();
    answer
        .path("errors")
        .forEach(
            error ->
                refused.put(
                    error.path("email_address").asText("").toLowerCase(Locale.ROOT),
                    error.path("error").asText("refused")
                        + (error.path("field").asText("").isEmpty()
                            ? ""
                            : " ("
                                + error.path("field").asText()
                                + ": "
                                + error.path("field_message").asText("")
                                + ")")));

    List<Imported> results = new ArrayList<>();
    // the batch's request belongs to every member's history; each member's own requests below only
    // to its own
    List<JobId> jobs = on.jobs();
    for (int i = 0; i < imports.size(); i++) {
      ContactImport contactImport = imports.get(i);
      List<JobId> own = jobs.size() == imports.size() ? List.of(jobs.get(i)) : jobs;
      results.add(followUp(contactImport, refused, catalogue, DeliveryContext.of(own)));
    }
    return results;
  }

  /** A member of a batch subscribe: refused by the batch, or given its tags and other audiences. */
  private Imported followUp(
      ContactImport contactImport,
      Map<String, String> refused,
      CustomFieldCatalogue catalogue,
      DeliveryContext on) {
    Contact contact = contactImport.contact();
    String why = refused.get(contact.email().value().toLowerCase(Locale.ROOT));
    if (why != null) {
      return Imported.refusedFor("lists.batch-subscribe: " + why);
    }
    CrmContactId id = new CrmContactId(SubscriberHash.of(contact.email()));
    remember(id.value(), contact.email().value());
    try {
      applyTags(id, new TagChange(false, contactImport.tags()), on);
      if (!contactImport.lists().isEmpty()) {
        applyListSubscriptions(id, contactImport.lists(), on);
      }
      return Imported.withUnmatched(unmatched(contact, catalogue));
    } catch (CrmFailure failure) {
      if (failure.kind() != Kind.PERMANENT && failure.kind() != Kind.CONTACT_GONE) {
        throw failure;
      }
      return Imported.refusedFor(failure.getMessage());
    }
  }

  /**
   * Never: a batch subscribe answers for each member at once ({@code errors[]}), and a member's tags and other
   * audiences go by the same requests as on its own; a member refused there is delivered on its own anyway.
   */
  @Override
  public Optional<String> whyNotInImport(ContactImport contactImport, DeliveryContext on) {
    return Optional.empty();
  }

  /**
   * {@code POST …/members/{hash}/actions/delete-permanent}: the member and their history are deleted for good (an
   * erasure asks for nothing less; Mailchimp then refuses to re-import the email unless the person subscribes
   * again). 404: no such member.
   */
  @Override
  public boolean deleteContact(CrmContactId contact, DeliveryContext on) {
    McHttp.Answer answer =
        http.call(
            on,
            new CrmRequest(
                "members.delete-permanent",
                HttpMethod.POST,
                audience("/members/" + contact.value() + "/actions/delete-permanent"),
                Map.of(),
                null));
    if (answer.status() == 404) {
      return false;
    }
    if (answer.status() / 100 != 2) {
      throw http.classify("members.delete-permanent", answer, Kind.CONFIGURATION);
    }
    synchronized (emails) {
      emails.remove(contact.value());
    }
    return true;
  }

  @Override
  public int maxImport() {
    return MAX_BATCH;
  }

  /** Fewer go one by one: batch subscribe answers at once, but each imported member still costs its tag requests. */
  @Override
  public int minImport() {
    return MIN_BATCH;
  }

  /**
   * The member's merge fields: {@code FNAME}, {@code LNAME}, {@code PHONE} from the contact's own name and phone,
   * then each trait whose key or name matches a merge field. A value the core encodes as a list ({@code ||a||b||})
   * goes as {@code a, b}: Mailchimp's merge fields hold no lists (Segment's Mailchimp documentation: "Mailchimp
   * doesn't support arrays as traits values"); a cleared value goes as empty text, which empties the field.
   */
  private static Map<String, String> mergeFields(Contact contact, CustomFieldCatalogue catalogue) {
    Map<String, String> merge = new LinkedHashMap<>();
    contact.name().first().ifPresent(first -> merge.put("FNAME", first));
    contact.name().last().ifPresent(last -> merge.put("LNAME", last));
    contact.phone().ifPresent(phone -> merge.put("PHONE", phone));
    catalogue
        .matched(contact.customFields())
        .forEach((field, value) -> merge.put(field.key(), text(value)));
    return merge;
  }

  /** A value as a merge field's text: a list of texts separated by commas, the empty text to clear. */
  static String text(CustomFieldValue value) {
    if (value.clears()) {
      return "";
    }
    return value.isList() ? String.join(", ", value.values()) : value.single();
  }

  private static List<String> unmatched(Contact contact, CustomFieldCatalogue catalogue) {
    return catalogue.unmatched(contact.customFields());
  }

  private CustomFieldCatalogue catalogueFor(List<Contact> contacts, DeliveryContext on) {
    CustomFieldCatalogue cached = fields.current(false, on);
    boolean anyMissing =
        contacts.stream().anyMatch(contact -> !unmatched(contact, cached).isEmpty());
    return anyMissing ? fields.current(true, on) : cached;
  }

  private List<String> currentTags(CrmContactId contact, DeliveryContext on) {
    List<String> names = new ArrayList<>();
    int total = Integer.MAX_VALUE;
    for (int offset = 0; offset < total; offset += TAG_PAGE) {
      JsonNode page =
          http.expect(
              on,
              new CrmRequest(
                  "members.tags.list",
                  HttpMethod.GET,
                  audience("/members/" + contact.value() + "/tags"),
                  Map.of("count", Integer.toString(TAG_PAGE), "offset", Integer.toString(offset)),
                  null),
              Kind.CONTACT_GONE);
      page.path("tags").forEach(tag -> names.add(tag.path("name").asText()));
      total = page.path("total_items").asInt(0);
      if (page.path("tags").isEmpty()) {
        break;
      }
    }
    return names;
  }

  /** The member's email: remembered from this process's requests, else read from the audience. */
  private String emailOf(CrmContactId contact, DeliveryContext on) {
    synchronized (emails) {
      String known = emails.get(contact.value());
      if (known != null) {
        return known;
      }
    }
    JsonNode member =
        http.expect(
            on,
            new CrmRequest(
                "members.get",
                HttpMethod.GET,
                audience("/members/" + contact.value()),
                Map.of("fields", "id,email_address,status"),
                null),
            Kind.CONTACT_GONE);
    String email = member.path("email_address").asText();
    remember(contact.value(), email);
    return email;
  }

  private void remember(String hash, String email) {
    synchronized (emails) {
      emails.put(hash, email);
    }
  }

  private String audience(String rest) {
    return "/lists/" + settings.audienceId() + rest;
  }
}
