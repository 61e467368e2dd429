package io.acdest.adapters.activecampaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acdest.adapters.activecampaign.sandbox.SandboxFault;
import io.acdest.domain.delivery.DeliveryContext;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.model.EventName;
import io.acdest.domain.model.TrackedEvent;
import io.acdest.domain.port.out.CrmActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The tracking host's budget is a sliding window (decision 0022): at 5 per second, five events go at once, and the
 * sixth only a second after the first left; the REST API's budget is not touched.
 */
class TrackingWindowTest {

  @Test
  void aSecondsWorthOfEventsLeavesAtOnceAndTheNextWaitsForTheWindow() throws Exception {
    try (SandboxHarness h = new SandboxHarness(1_000, new ActiveCampaignRates(5, 5))) {
      sendTogether(
          h,
          10,
          "window",
          outcome ->
              assertThat(outcome.get(30, TimeUnit.SECONDS))
                  .isInstanceOf(CrmActivity.Recorded.class));
      List<Long> arrivals = h.sandbox.arrivals(false).stream().sorted().toList();
      assertThat(arrivals).hasSize(10);
      assertThat(Duration.ofNanos(arrivals.get(4) - arrivals.get(0)))
          .as("the first five together")
          .isLessThan(Duration.ofMillis(600)); // spaced one by one they would span 800 ms
      assertThat(Duration.ofNanos(arrivals.get(5) - arrivals.get(0)))
          .as("the sixth a window after the first")
          .isGreaterThan(Duration.ofMillis(800)); // unlimited, all ten would arrive together
      assertThat(h.state().path("requests").path("rest").path("maxInOneSecond").asInt())
          .as("no REST request: events need none")
          .isZero();
    }
  }

  @Test
  void aBurstReachesASlowHostTogetherRatherThanAFewConnectionsAtATime() throws Exception {
    try (SandboxHarness h = new SandboxHarness(1_000, new ActiveCampaignRates(5, 20))) {
      // every answer takes a second: a request still waiting for a connection inside the client
      // would reach the
      // host only when an earlier one is answered, though the window counted it as sent
      h.sandbox.inject(SandboxFault.hang("/event", 12, 1_000));
      sendTogether(
          h,
          12,
          "slow",
          outcome ->
              assertThatThrownBy(() -> outcome.get(30, TimeUnit.SECONDS))
                  .as("the host answers 504 after its second")
                  .hasCauseInstanceOf(io.acdest.domain.port.out.CrmFailure.class));
      List<Long> arrivals = h.sandbox.arrivals(false).stream().sorted().toList();
      assertThat(arrivals).hasSize(12);
      assertThat(Duration.ofNanos(arrivals.get(11) - arrivals.get(0)))
          .as(
              "twelve of a window of 20 reach the host together: with 5 connections, 7 would wait for answers")
          .isLessThan(Duration.ofMillis(700));
    }
  }

  /** What to check of each event's outcome. */
  private interface OutcomeCheck {
    void check(Future<CrmActivity.Outcome> outcome) throws Exception;
  }

  /** {@code count} events, each from a sender of its own, all at once; then each outcome checked. */
  private static void sendTogether(SandboxHarness h, int count, String name, OutcomeCheck check)
      throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(count);
    try {
      List<Future<CrmActivity.Outcome>> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        TrackedEvent event =
            new TrackedEvent(
                new EmailAddress(name + i + "@example.com"),
                new EventName(name + " test"),
                Optional.empty(),
                Instant.now());
        sent.add(senders.submit(() -> h.activity.trackEvent(event, DeliveryContext.NONE)));
      }
      for (Future<CrmActivity.Outcome> outcome : sent) {
        check.check(outcome);
      }
    } finally {
      senders.shutdownNow();
    }
  }
}
