package io.acdest.adapters.activecampaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.adapters.activecampaign.sandbox.SandboxFault;
import io.acdest.domain.delivery.Attempt;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.delivery.JobId;
import io.acdest.domain.model.Contact;
import io.acdest.domain.model.CustomFieldValues;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.ListId;
import io.acdest.domain.model.ListSubscription;
import io.acdest.domain.model.PersonName;
import io.acdest.domain.port.out.CrmFailure;
import io.acdest.domain.port.out.CrmFailure.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** §4's classification of ActiveCampaign's answers, and the attempts filed for them. */
class FailureClassificationTest {
  private static final Contact JANE =
      new Contact(
          new EmailAddress("jane.kim@example.com"),
          new PersonName(Optional.of("Jane"), Optional.of("Kim")),
          Optional.empty(),
          Optional.empty(),
          CustomFieldValues.NONE);
  private static final JobId JOB = new JobId(42);

  /** The requests of one delivery, of job 42. */
  private static final DeliveryContext ON_JOB = DeliveryContext.of(JOB);

  private SandboxHarness h =
      new SandboxHarness(1_000, 1_000, Duration.ofMillis(700), "sandbox-event-key");

  @AfterEach
  void close() {
    h.close();
  }

  private CrmFailure failureOfSync() {
    try {
      h.contacts.sync(JANE, ON_JOB);
      throw new AssertionError("the sync should have failed");
    } catch (CrmFailure failure) {
      return failure;
    }
  }

  @Test
  void status429IsThrottledForTheDurationInRetryAfterAndPausesTheAccount() {
    h.contacts.sync(JANE, ON_JOB); // warm the field catalogue
    h.sandbox.inject(SandboxFault.retryAfter("/api/3/contact/sync", 1, 429, 7));
    CrmFailure failure = failureOfSync();
    assertThat(failure.kind()).isEqualTo(Kind.THROTTLED);
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));

    int before = h.requests();
    assertThat(failureOfSync().kind())
        .as("paused: nothing is sent before Retry-After")
        .isEqualTo(Kind.THROTTLED);
    assertThat(h.requests()).isEqualTo(before);
  }

  @Test
  void status503WithRetryAfterIsThrottledAndWithoutItTransient() {
    h.contacts.sync(JANE, ON_JOB);
    h.sandbox.inject(SandboxFault.status("/api/3/contact/sync", 1, 503));
    assertThat(failureOfSync().kind()).isEqualTo(Kind.TRANSIENT);
    h.sandbox.inject(SandboxFault.retryAfter("/api/3/contact/sync", 1, 503, 3));
    assertThat(failureOfSync().retryAfter()).contains(Duration.ofSeconds(3));
  }

  @Test
  void serverErrorsAndTimeoutsAreTransient() {
    h.contacts.sync(JANE, ON_JOB);
    for (int status : new int[] {500, 502, 408, 423}) {
      h.sandbox.inject(SandboxFault.status("/api/3/contact/sync", 1, status));
      assertThat(failureOfSync().kind()).as("status %d", status).isEqualTo(Kind.TRANSIENT);
    }
    h.sandbox.inject(SandboxFault.status("/api/3/contact/sync", 1, 501));
    assertThat(failureOfSync().kind()).as("501 will not pass").isEqualTo(Kind.PERMANENT);

    h.sandbox.inject(SandboxFault.hang("/api/3/contact/sync", 1, 2_000));
    CrmFailure timeout = failureOfSync();
    assertThat(timeout.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(timeout.getMessage()).contains("timed out after 700 ms");
  }

  @Test
  void otherClientErrorsArePermanentWithActiveCampaignsOwnWords() {
    h.contacts.sync(JANE, ON_JOB);
    h.sandbox.inject(
        SandboxFault.body(
            "/api/3/contact/sync",
            1,
            422,
            "application/json",
            "{\"errors\":[{\"title\":\"Contact Email Address is not valid.\",\"detail\":\"\",\"code\":\"email_invalid\"}]}"));
    CrmFailure failure = failureOfSync();
    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(failure.getMessage())
        .isEqualTo("contact.sync: 422 Contact Email Address is not valid.");
  }

  @Test
  void everyErrorShapeOfActiveCampaignKeepsItsWordsOnTheFailure() {
    h.contacts.sync(JANE, ON_JOB);
    // {"message", "error"}: a refused write (verbb/formie#1389)
    h.sandbox.inject(
        SandboxFault.body(
            "/api/3/contact/sync",
            1,
            422,
            "application/json",
            "{\"message\":\"Could not process request\",\"error\":\"Duplicate entry 'x' for key 'email'\"}"));
    assertThat(failureOfSync().getMessage())
        .isEqualTo(
            "contact.sync: 422 Could not process request: Duplicate entry 'x' for key 'email'");
    // {"errors":[{"status","title","detail"}]}: the published 404 of POST /contactTags
    h.sandbox.inject(
        SandboxFault.body(
            "/api/3/contact/sync",
            1,
            400,
            "application/json",
            "{\"errors\":[{\"status\":400,\"title\":\"Bad Request\",\"detail\":\"fieldValues must be an array\"},"
                + "{\"title\":\"Second\"}]}"));
    assertThat(failureOfSync().getMessage())
        .isEqualTo("contact.sync: 400 Bad Request: fieldValues must be an array; Second");
    // {"message": "No Result found for ... with id N"}: a record that does not exist (a list
    // deleted in the account)
    CrmFailure noList;
    try {
      h.contacts.applyListSubscriptions(
          h.contacts.sync(JANE, ON_JOB).contact(),
          List.of(new ListSubscription(new ListId(99), ListSubscription.Status.SUBSCRIBED)),
          ON_JOB);
      throw new AssertionError("list 99 does not exist");
    } catch (CrmFailure failure) {
      noList = failure;
    }
    assertThat(noList.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(noList.getMessage())
        .isEqualTo("contactLists.update: 404 No Result found for List with id 99");
  }

  @Test
  void anHtmlPageWithAnErrorStatusIsAConfigurationErrorNotADeadMessage() {
    h.contacts.sync(JANE, ON_JOB);
    // what a wrong ACTIVECAMPAIGN_API_URL (the account's web address instead of its API) answers
    h.sandbox.inject(
        SandboxFault.body(
            "/api/3/contact/sync",
            1,
            404,
            "text/html",
            "<!DOCTYPE html>\n<html><head><title>Log in | ActiveCampaign</title></head><body>…</body></html>"));
    CrmFailure failure = failureOfSync();
    assertThat(failure.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(failure.getMessage())
        .isEqualTo(
            "contact.sync: 404 an HTML page (\"Log in | ActiveCampaign\"), not the API's JSON"
                + " (check the ActiveCampaign API URL and key)");
  }

  @Test
  void anHtmlPageWith200IsAConfigurationError() {
    h.contacts.sync(JANE, ON_JOB);
    h.sandbox.inject(
        SandboxFault.body(
            "/api/3/contact/sync",
            1,
            200,
            "text/html",
            "<!DOCTYPE html><html><body>Please log in</body></html>"));
    CrmFailure failure = failureOfSync();
    assertThat(failure.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(failure.getMessage()).contains("not JSON");
  }

  @Test
  void aWrongApiKeyIsAConfigurationErrorNamingTheSetting() {
    h.close();
    h = new SandboxHarness(1_000, 1_000, Duration.ofSeconds(2), "sandbox-event-key", "not-the-key");
    CrmFailure failure = failureOfSync();
    assertThat(failure.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(failure.getMessage())
        .contains("403")
        .contains("API URL and key")
        .doesNotContain("not-the-key");

    h.sandbox.inject(SandboxFault.status("/api/3/fields", 1, 401));
    assertThat(failureOfSync().kind()).isEqualTo(Kind.CONFIGURATION);
  }

  @Test
  void aMissingEventKeyIsAConfigurationError() {
    h.close();
    h = new SandboxHarness(1_000, 1_000, Duration.ofSeconds(2), null);
    assertThatThrownBy(
            () ->
                h.activity.trackEvent(
                    new io.acdest.domain.model.TrackedEvent(
                        JANE.email(),
                        new io.acdest.domain.model.EventName("Clicked a button"),
                        Optional.empty(),
                        java.time.Instant.now()),
                    ON_JOB))
        .isInstanceOfSatisfying(
            CrmFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.CONFIGURATION))
        .hasMessageContaining("ACTIVECAMPAIGN_EVENT_KEY");
    assertThat(h.requests()).isZero();
  }

  @Test
  void everyRequestOfADeliveryIsFiledAsAnAttemptWithoutSecrets() {
    h.sandbox.inject(SandboxFault.status("/api/3/contact/sync", 1, 500));
    failureOfSync();
    h.contacts.sync(JANE, ON_JOB);

    List<Attempt> attempts = h.attempts.attemptsOf(JOB);
    assertThat(attempts)
        .extracting(Attempt::endpoint)
        .containsExactly("fields.list", "contact.sync", "contact.sync");
    assertThat(attempts)
        .extracting(Attempt::httpStatus)
        .containsExactly(Optional.of(200), Optional.of(500), Optional.of(201));
    assertThat(attempts.get(1).errorClass()).contains("server_error");
    assertThat(attempts)
        .allSatisfy(
            a -> assertThat(a.errorText().orElse("")).doesNotContain(SandboxHarness.API_KEY));
  }
}
