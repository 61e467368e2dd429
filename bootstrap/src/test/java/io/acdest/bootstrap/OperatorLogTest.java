package io.acdest.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.acdest.application.fakes.MutableClock;
import io.acdest.domain.message.MessageId;
import io.acdest.domain.message.MessageKey;
import io.acdest.domain.message.SourceId;
import io.acdest.domain.port.out.DeliveryOverview;
import io.acdest.domain.port.out.PersonalData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What operators read in the log (issue 22): one line each, no personal data, no forged line, repeats counted. */
class OperatorLogTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
  private final OperatorLog log = new OperatorLog(clock);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger operator = (Logger) LoggerFactory.getLogger("operator");

  @BeforeEach
  void listen() {
    lines.start();
    operator.addAppender(lines);
  }

  @AfterEach
  void stopListening() {
    operator.detachAppender(lines);
  }

  private List<String> written() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void aDeadMessageIsOneLineWithItsIdTypeAndReasonAndNoEmail() {
    log.messageDead(
        new MessageKey(new SourceId("web"), new MessageId("m-1")),
        "identify",
        "contact.sync: 422 Email address jane.kim@example.com is not valid");
    assertThat(written())
        .containsExactly(
            "event=message.dead messageId=m-1 source=web type=identify"
                + " reason=\"contact.sync: 422 Email address <email> is not valid\"");
    assertThat(lines.list.get(0).getKeyValuePairs())
        .anySatisfy(
            pair -> {
              assertThat(pair.key).isEqualTo("messageId");
              assertThat(pair.value).isEqualTo("m-1");
            });
  }

  @Test
  void aValueCannotStartALineOfItsOwn() {
    log.messageDead(
        new MessageKey(
            new SourceId("web"), new MessageId("x\nevent=operator.erasure erasure=forged")),
        "track",
        "r");
    assertThat(written())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line).doesNotContain("\n").contains("x\\u000aevent=operator.erasure"));
  }

  @Test
  void theSameLineWithinAMinuteIsCountedAndTheNextSaysHowMany() {
    for (int i = 0; i < 50; i++) {
      log.messageDead(
          new MessageKey(new SourceId("web"), new MessageId("m" + i)),
          "track",
          "event.track: 404 No Result found for Contact with id " + i);
    }
    assertThat(written()).hasSize(1);
    clock.advance(Duration.ofSeconds(61));
    log.messageDead(
        new MessageKey(new SourceId("web"), new MessageId("m99")),
        "track",
        "event.track: 404 No Result found for Contact with id 99");
    assertThat(written()).hasSize(2);
    assertThat(written().get(1)).endsWith("repeated=49");
  }

  @Test
  void aPauseIsLoggedWhenItBeginsAndWhenItEnds() {
    DeliveryOverview.Pause tracking =
        DeliveryOverview.Pause.configuration(
            "every delivery",
            "event.track: ActiveCampaign refused the event with 200: Event tracking is disabled",
            clock.instant());
    log.pausesNow(List.of(tracking));
    log.pausesNow(List.of(tracking));
    clock.advance(Duration.ofMinutes(2));
    log.pausesNow(List.of());
    assertThat(written())
        .containsExactly(
            "event=pause.began paused=\"every delivery\" why=\"event.track: ActiveCampaign refused the event with 200:"
                + " Event tracking is disabled\" until=\"the next delivery that succeeds\"",
            "event=pause.ended paused=\"every delivery\" why=\"event.track: ActiveCampaign refused the event with 200:"
                + " Event tracking is disabled\"");
  }

  @Test
  void anErasureIsLoggedByItsIdAndCountsOnly() {
    log.erased(
        new PersonalData.ErasureRecord(
            "er-1",
            clock.instant(),
            clock.instant(),
            new PersonalData.ErasedCounts(3, 3, 4, 2),
            "deleted 1 contact in the CRM",
            Optional.of("sup-1")));
    assertThat(written())
        .containsExactly(
            "event=operator.erasure erasure=er-1 messages=3 jobs=3 attempts=4"
                + " directoryEntries=2 crm=\"deleted 1 contact in the CRM\" suppression=sup-1");
  }
}
