package io.acdest.application.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.model.CrmContactId;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListId;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.TagSet;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.out.ContactDirectory.SyncedState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link ContactDirectory}. */
public abstract class ContactDirectoryContract {
  private static final EmailAddress JANE = new EmailAddress("jane.kim@example.com");
  private static final CrmContactId JANE_ID = new CrmContactId("17");

  protected ContactDirectory directory;

  /** An empty directory. */
  protected abstract ContactDirectory createDirectory();

  @BeforeEach
  void setUp() {
    directory = createDirectory();
  }

  @Test
  void aRememberedUserIsFoundByEitherId() {
    directory.remember(
        new UserIdentity(Optional.of("ze8rt1u89"), Optional.of("anon-1")), JANE, JANE_ID);
    assertThat(directory.findByUserId("ze8rt1u89"))
        .contains(new ContactDirectory.Entry(JANE, Optional.of(JANE_ID)));
    assertThat(directory.findByAnonymousId("anon-1"))
        .contains(new ContactDirectory.Entry(JANE, Optional.of(JANE_ID)));
    assertThat(directory.findByUserId("anon-1"))
        .as("ids of one kind do not answer for the other")
        .isEmpty();
    assertThat(directory.findByUserId("stranger")).isEmpty();
  }

  @Test
  void anEmailChangeOfAKnownUserIsVisibleAsSuch() {
    directory.remember(UserIdentity.ofUser("ze8rt1u89"), JANE, JANE_ID);
    EmailAddress newEmail = new EmailAddress("jane@kim.example");
    directory.remember(UserIdentity.ofUser("ze8rt1u89"), newEmail, JANE_ID);
    assertThat(directory.findByUserId("ze8rt1u89"))
        .contains(new ContactDirectory.Entry(newEmail, Optional.of(JANE_ID), Optional.of(JANE)));
    directory.remember(UserIdentity.ofUser("ze8rt1u89"), newEmail, JANE_ID);
    assertThat(directory.findByUserId("ze8rt1u89").orElseThrow().previousEmail())
        .as("remembering the same email again keeps the change visible")
        .contains(JANE);
  }

  @Test
  void anEmailLearnedWithoutAContactIdKeepsAKnownIdOnlyForTheSameEmail() {
    directory.rememberEmail(new UserIdentity(Optional.of("u1"), Optional.of("a1")), JANE);
    assertThat(directory.findByUserId("u1"))
        .contains(new ContactDirectory.Entry(JANE, Optional.empty()));
    assertThat(directory.findByAnonymousId("a1"))
        .contains(new ContactDirectory.Entry(JANE, Optional.empty()));

    directory.remember(UserIdentity.ofUser("u2"), JANE, JANE_ID);
    directory.rememberEmail(UserIdentity.ofUser("u2"), JANE);
    assertThat(directory.findByUserId("u2").orElseThrow().contact()).contains(JANE_ID);

    EmailAddress other = new EmailAddress("jane@kim.example");
    directory.rememberEmail(UserIdentity.ofUser("u2"), other);
    assertThat(directory.findByUserId("u2"))
        .contains(new ContactDirectory.Entry(other, Optional.empty(), Optional.of(JANE)));
    assertThat(directory.findByUserId("u1").orElseThrow().contact())
        .as("the CRM keeps one contact per email: a user with that email finds it")
        .contains(JANE_ID);
  }

  @Test
  void aContactWhoseEmailChangedIsFoundUnderTheNewEmailOnly() {
    directory.remember(UserIdentity.ofUser("u1"), JANE, JANE_ID);
    directory.rememberEmail(UserIdentity.ofUser("u3"), JANE);
    EmailAddress newEmail = new EmailAddress("jane@kim.example");
    directory.remember(UserIdentity.ofUser("u1"), newEmail, JANE_ID);
    assertThat(directory.findByUserId("u1").orElseThrow().contact()).contains(JANE_ID);
    assertThat(directory.findByUserId("u3").orElseThrow().contact())
        .as("another user still naming the old email has no contact for it now")
        .isEmpty();
  }

  @Test
  void anAliasedIdResolvesToTheUser() {
    directory.remember(UserIdentity.ofUser("ze8rt1u89"), JANE, JANE_ID);
    directory.alias("anon-7", "ze8rt1u89");
    assertThat(directory.findByAnonymousId("anon-7"))
        .hasValueSatisfying(e -> assertThat(e.email()).isEqualTo(JANE));
    assertThat(directory.findByUserId("anon-7"))
        .hasValueSatisfying(e -> assertThat(e.email()).isEqualTo(JANE));
  }

  @Test
  void theLastSyncedStateIsKeptPerContact() {
    assertThat(directory.lastSynced(JANE_ID)).isEmpty();
    SyncedState state =
        new SyncedState(
            JANE_ID,
            JANE,
            TagSet.of("checkout", "abandoned"),
            Map.of(
                new ListId(1),
                ListSubscription.Status.SUBSCRIBED,
                new ListId(7),
                ListSubscription.Status.UNSUBSCRIBED),
            "abc123",
            Instant.parse("2026-11-28T10:00:00Z"));
    directory.rememberSynced(state);
    assertThat(directory.lastSynced(JANE_ID)).contains(state);

    SyncedState later =
        new SyncedState(
            JANE_ID,
            JANE,
            TagSet.of("vip"),
            Map.of(),
            "def456",
            Instant.parse("2026-11-28T11:00:00Z"));
    directory.rememberSynced(later);
    assertThat(directory.lastSynced(JANE_ID)).contains(later);
  }

  @Test
  void aContactDeletedInTheCrmIsForgottenButItsUsersEmailIsKept() {
    directory.remember(
        new UserIdentity(Optional.of("ze8rt1u89"), Optional.of("anon-1")), JANE, JANE_ID);
    directory.remember(
        new UserIdentity(Optional.of("other"), Optional.empty()),
        new EmailAddress("o@example.com"),
        new CrmContactId("18"));
    directory.rememberSynced(
        new SyncedState(
            JANE_ID,
            JANE,
            TagSet.of(java.util.List.of()),
            Map.of(),
            "f",
            Instant.parse("2026-11-28T10:00:00Z")));

    directory.forgetContact(JANE_ID);

    assertThat(directory.findByUserId("ze8rt1u89"))
        .contains(new ContactDirectory.Entry(JANE, Optional.empty()));
    assertThat(directory.findByAnonymousId("anon-1"))
        .contains(new ContactDirectory.Entry(JANE, Optional.empty()));
    assertThat(directory.lastSynced(JANE_ID)).isEmpty();
    assertThat(directory.findByUserId("other").flatMap(ContactDirectory.Entry::contact))
        .as("other contacts are untouched")
        .contains(new CrmContactId("18"));
  }
}
