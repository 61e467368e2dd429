package io.acdest.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.SourceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Failures grouped by the CRM's words with what varies taken out (docs/behaviour.md §8). The reasons quoted are the
 * service's own, built from ActiveCampaign's and Mailchimp's published answers.
 */
class FailureReasonTest {

  @Test
  void idsInActiveCampaignsNotFoundAnswersFoldIntoOneGroup() {
    // ActiveCampaign v3: 404 {"message": "No Result found for List with id 99"}
    assertThat(FailureReason.group("contactLists.update: 404 No Result found for List with id 99"))
        .isEqualTo(
            FailureReason.group("contactLists.update: 404 No Result found for List with id 7"))
        .isEqualTo("contactLists.update: 404 No Result found for List with id …");
  }

  @Test
  void theCrmsWordsStayAsTheyWere() {
    // ActiveCampaign v3: 422 {"errors":[{"title":"Contact Email Address is not valid.", ...}]}
    assertThat(FailureReason.group("contact.sync: 422 Contact Email Address is not valid."))
        .isEqualTo("contact.sync: 422 Contact Email Address is not valid.");
  }

  @Test
  void emailsAddressesAndLongIdsAreTakenOut() {
    // Mailchimp: 400 "Member Exists", detail "jane@example.com is already a list member ..."
    assertThat(
            FailureReason.group(
                "members.put: 400 jane.kim@example.com is already a list member (list 4ca5becb8d)"))
        .isEqualTo(
            FailureReason.group(
                "members.put: 400 tom@example.org is already a list member (list 5ab0c3e1f9)"));
    assertThat(
            FailureReason.group(
                "see https://example.com/x?id=1 for 0f8fad5b-d9cb-469f-a165-70867728950e, 2 times"))
        .isEqualTo("see … for …, … times");
  }

  @Test
  void whitespaceFoldsAndAMissingReasonIsNamed() {
    assertThat(FailureReason.group("a\n\n  refusal ")).isEqualTo("a refusal");
    assertThat(FailureReason.group(null)).isEqualTo("no reason given");
  }

  @Test
  void aGroupTurnsBackIntoASearchForItsReasons() {
    String group =
        FailureReason.group("contactLists.update: 404 No Result found for List with id 99");
    assertThat(FailureReason.likePattern(group))
        .isEqualTo("contactLists.update:%404%No%Result%found%for%List%with%id%%");
    assertThat(FailureReason.likePattern("100% of_it\\")).isEqualTo("100\\%%of\\_it\\\\");
  }

  @Test
  void groupsAddUpKeepTheSpanAndTheNewestThreeSamples() {
    Instant t = Instant.parse("2026-12-06T10:00:00Z");
    List<FailureGroups.Counted> counted =
        List.of(
            new FailureGroups.Counted(
                "dead", "x: 404 No Result found for List with id 99", 5, t, t.plusSeconds(60)),
            new FailureGroups.Counted(
                "dead", "x: 404 No Result found for List with id 7", 2, t.minusSeconds(60), t),
            new FailureGroups.Counted("retrying", "x: 503 Service Unavailable", 9, t, t));
    List<FailureGroups.Sampled> samples =
        List.of(0, 1, 2, 3).stream()
            .map(
                i ->
                    new FailureGroups.Sampled(
                        "dead",
                        "x: 404 No Result found for List with id " + i,
                        new DeliveryReport.Sample(
                            new MessageKey(new SourceId("web"), new MessageId("m" + i)),
                            "identify",
                            t.plusSeconds(i),
                            Optional.of("PUT /api/3/contactLists"),
                            Optional.of(404),
                            Optional.of("No Result found for List with id " + i))))
            .toList();

    List<DeliveryReport.FailureGroup> groups = FailureGroups.of(counted, samples);

    assertThat(groups).extracting(DeliveryReport.FailureGroup::count).containsExactly(9L, 7L);
    DeliveryReport.FailureGroup lists = groups.get(1);
    assertThat(lists.outcome()).isEqualTo("dead");
    assertThat(lists.firstSeen()).isEqualTo(t.minusSeconds(60));
    assertThat(lists.lastSeen()).isEqualTo(t.plusSeconds(60));
    assertThat(lists.samples())
        .extracting(s -> s.message().messageId().value())
        .containsExactly("m3", "m2", "m1");
    assertThat(groups.get(0).samples()).isEmpty();
  }
}
