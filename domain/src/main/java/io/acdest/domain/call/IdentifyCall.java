package io.acdest.domain.call;

import io.acdest.domain.model.Contact;
import io.acdest.domain.model.ContactCreation;
import io.acdest.domain.model.ContactImport;
import io.acdest.domain.model.CustomFieldKey;
import io.acdest.domain.model.CustomFieldValue;
import io.acdest.domain.model.CustomFieldValues;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.PersonName;
import io.acdest.domain.model.ReservedTraits;
import io.acdest.domain.model.TagChange;
import io.acdest.domain.model.TagSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An identify, mapped: the contact's basic fields, custom fields, tag change and list subscriptions
 * (docs/behaviour.md §3).
 */
public record IdentifyCall(
    CallEnvelope envelope,
    Optional<EmailAddress> email,
    PersonName name,
    Optional<String> phone,
    CustomFieldValues customFields,
    TagChange tags,
    List<ListSubscription> lists,
    List<String> unmapped,
    List<String> warnings,
    boolean mayChangeEmail)
    implements MappedCall {

  /** Traits that are basic fields or this destination's own, consumed by the rules below. */
  private static final Set<String> CONSUMED =
      Set.of(
          "email",
          "firstName",
          "first_name",
          "lastName",
          "last_name",
          "name",
          "phone",
          "tags",
          "tagsReset",
          "lists");

  public IdentifyCall {
    lists = List.copyOf(lists);
    unmapped = List.copyOf(unmapped);
    warnings = List.copyOf(warnings);
  }

  /**
   * The identify rules of docs/behaviour.md §3. Basic fields ({@code email}, {@code firstName}/{@code first_name},
   * {@code lastName}/{@code last_name}, {@code name}, {@code phone}) are read from {@code traits}, then from
   * {@code context.traits}. {@code tags}, {@code tagsReset} and {@code lists} come from {@code traits}, and every
   * other trait that is not reserved becomes a custom-field value.
   */
  public static IdentifyCall from(CallEnvelope envelope, CallFields event) {
    return from(envelope, event, CallLimits.NONE);
  }

  /**
   * The same, for a call whose source limits it ({@link CallLimits}): lists it may not change and a tag reset it may
   * not ask for are left out, with a warning; whether it may change a known user's email is decided at delivery,
   * where the user's email is known.
   */
  public static IdentifyCall from(CallEnvelope envelope, CallFields event, CallLimits limits) {
    CallFields traits = event.object("traits");
    CallFields contextTraits = envelope.contextTraits();

    Optional<EmailAddress> email =
        basicField(traits, contextTraits, "email")
            .filter(text -> !text.isBlank())
            .map(text -> EmailAddress.parse(text, whereFound(traits, contextTraits, "email")));
    PersonName name =
        PersonName.of(
            basicField(traits, contextTraits, "firstName")
                .or(() -> basicField(traits, contextTraits, "first_name")),
            basicField(traits, contextTraits, "lastName")
                .or(() -> basicField(traits, contextTraits, "last_name")),
            basicField(traits, contextTraits, "name"));
    Optional<String> phone =
        traits.text("phone").or(() -> contextTraits.text("phone")).filter(p -> !p.isBlank());

    TagChange tags =
        new TagChange(
            TagChange.resetRequested(traits.raw("tagsReset")),
            TagSet.parse(traits.raw("tags"), traits.pathOf("tags")));
    List<ListSubscription> lists =
        ListSubscription.parseAll(traits.raw("lists"), traits.pathOf("lists"));

    List<String> unmapped = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    CustomFieldValues customFields = customFields(traits, unmapped, warnings);
    if (!lists.isEmpty() && limits.forbid(CallLimits.Limit.LIST_CHANGES)) {
      lists = List.of();
      warnings.add("traits.lists ignored: this source may not change list subscriptions");
    }
    if (tags.resetFirst() && limits.forbid(CallLimits.Limit.TAG_RESET)) {
      tags = new TagChange(false, tags.add());
      warnings.add("traits.tagsReset ignored: this source may not reset a contact's tags");
    }
    return new IdentifyCall(
        envelope,
        email,
        name,
        phone,
        customFields,
        tags,
        lists,
        unmapped,
        warnings,
        !limits.forbid(CallLimits.Limit.EMAIL_CHANGE));
  }

  /** The same identify without its email: it updates the contact the user already has. */
  public IdentifyCall withoutEmail() {
    return new IdentifyCall(
        envelope,
        Optional.empty(),
        name,
        phone,
        customFields,
        tags,
        lists,
        unmapped,
        warnings,
        mayChangeEmail);
  }

  /**
   * The custom-field rule of docs/behaviour.md §3: each trait that is neither consumed above nor reserved is keyed by
   * its normalised name; its value encoded. Reserved traits, and values no custom field can hold (objects), are
   * recorded as unmapped. When several traits share one key ({@code shirtSize} and {@code shirt_size}), the one
   * whose name sorts first wins, with a warning: a rule that does not depend on the order of an object's keys,
   * which JSON does not define and storage does not keep.
   */
  private static CustomFieldValues customFields(
      CallFields traits, List<String> unmapped, List<String> warnings) {
    Map<String, List<String>> traitsByKey = new TreeMap<>();
    Map<String, CustomFieldValue> valueByTrait = new LinkedHashMap<>();
    for (String trait : traits.keys()) {
      if (CONSUMED.contains(trait)) {
        continue;
      }
      if (ReservedTraits.isReserved(trait)) {
        unmapped.add(trait + ": reserved trait, never a custom field");
        continue;
      }
      String normalised = CustomFieldKey.normalise(trait);
      if (normalised.isEmpty()) {
        unmapped.add(trait + ": no letters or digits to name a custom field");
        continue;
      }
      Optional<CustomFieldValue> value = CustomFieldValue.encode(traits.raw(trait));
      if (value.isEmpty()) {
        unmapped.add(trait + ": an object has no custom-field encoding");
        continue;
      }
      traitsByKey.computeIfAbsent(normalised, k -> new ArrayList<>()).add(trait);
      valueByTrait.put(trait, value.get());
    }
    Map<CustomFieldKey, CustomFieldValue> values = new LinkedHashMap<>();
    for (List<String> sameKey : traitsByKey.values()) {
      List<String> sorted = sameKey.stream().sorted().toList();
      String winner = sorted.get(0);
      if (sorted.size() > 1) {
        warnings.add(
            "traits "
                + String.join(", ", sorted)
                + " all set custom field %"
                + CustomFieldKey.normalise(winner)
                + "%; "
                + winner
                + " was used");
      }
      values.put(CustomFieldKey.of(winner), valueByTrait.get(winner));
    }
    return new CustomFieldValues(values);
  }

  private static Optional<String> basicField(
      CallFields traits, CallFields contextTraits, String key) {
    return traits.string(key).or(() -> contextTraits.string(key));
  }

  private static String whereFound(CallFields traits, CallFields contextTraits, String key) {
    return traits.has(key) ? traits.pathOf(key) : contextTraits.pathOf(key);
  }

  /** Whether this identify may create its contact (email and a name) or only update one. */
  public ContactCreation creation() {
    return ContactCreation.evaluate(email, name);
  }

  /** The contact this identify describes, addressed by {@code address} (its own email, or one known for the user). */
  public Contact toContact(EmailAddress address) {
    return new Contact(address, name, phone, envelope.identity().userId(), customFields);
  }

  /**
   * The bulk-import rule of docs/behaviour.md §4: an identify fits a bulk import when it carries its own email and a
   * name (so the contact may be created) and does not reset tags (an import only adds). Whether it changes a known
   * user's email
   * is for the caller to check against the directory.
   */
  public Optional<ContactImport> asImport() {
    if (tags.resetFirst() || creation() != ContactCreation.ALLOWED) {
      return Optional.empty();
    }
    return Optional.of(new ContactImport(toContact(email.orElseThrow()), tags.add(), lists));
  }

  /** Where the contact's email comes from: the identify's own, else the directory. */
  public List<EmailSource> emailSources() {
    return email
        .<List<EmailSource>>map(e -> List.of(new EmailSource.Given(e, "traits.email")))
        .orElseGet(() -> EmailSource.directory(envelope.identity()));
  }
}
