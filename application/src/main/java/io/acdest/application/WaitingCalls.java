package io.acdest.application;

import io.acdest.domain.call.AliasCall;
import io.acdest.domain.call.IdentifyCall;
import io.acdest.domain.call.MappedCall;
import io.acdest.domain.call.PageCall;
import io.acdest.domain.call.TrackCall;
import io.acdest.domain.call.UserIdentity;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.out.DeliveryQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tracks and pages that arrived before their person's email was known (a client that posts its tracks a few
 * milliseconds before the identify, an anonymous visitor's page views before sign-up) wait, skipped; they come back
 * to the queue, in their user's order, as soon as an identify or an alias makes the email known, for as long as the
 * audit log keeps them ({@code docs/mapping.md}, "Calls that arrive before their identify").
 */
public final class WaitingCalls {
  private final DeliveryQueue queue;
  private final ContactDirectory directory;
  private final EmailResolver emails;
  private final Clock clock;
  private final Duration window;

  /** @param window how far back waiting calls come back: the audit log's retention */
  public WaitingCalls(
      DeliveryQueue queue,
      ContactDirectory directory,
      EmailResolver emails,
      Clock clock,
      Duration window) {
    this.queue = queue;
    this.directory = directory;
    this.emails = emails;
    this.clock = clock;
    this.window = window;
  }

  /**
   * These identifies were delivered, so the directory knows their emails: the calls waiting under any of their ids
   * (userId, anonymousId, and the previous ids aliased to the userId) come back. Returns how many.
   */
  public int identified(List<IdentifyCall> calls) {
    Set<String> ids = new LinkedHashSet<>();
    for (IdentifyCall call : calls) {
      UserIdentity identity = call.envelope().identity();
      identity.anonymousId().ifPresent(ids::add);
      identity
          .userId()
          .ifPresent(
              userId -> {
                ids.add(userId);
                ids.addAll(directory.aliasesOf(userId));
              });
    }
    return revive(ids);
  }

  /**
   * An alias was accepted: when its user's email is known, the calls waiting under the previous id come back (their
   * email now resolves through the alias). Returns how many.
   */
  public int aliased(AliasCall alias) {
    if (directory.findByUserId(alias.userId()).isEmpty()) {
      return 0;
    }
    return revive(Set.of(alias.previousId()));
  }

  /**
   * A call was just recorded as waiting for its email. An identify delivered meanwhile (another user's lane, a
   * moment earlier) may have looked for waiting calls before this one was recorded as waiting: when its email
   * resolves now, it comes back at once instead of waiting for the next identify. Returns how many came back.
   */
  public int recheck(MappedCall call) {
    boolean resolves =
        switch (call) {
          case TrackCall track -> emails.resolve(track.emailSources()).isPresent();
          case PageCall page -> emails.resolve(page.emailSources()).isPresent();
          default -> false;
        };
    if (!resolves) {
      return 0;
    }
    UserIdentity identity = call.envelope().identity();
    Set<String> ids = new LinkedHashSet<>();
    identity.userId().ifPresent(ids::add);
    identity.anonymousId().ifPresent(ids::add);
    return revive(ids);
  }

  private int revive(Set<String> ids) {
    return ids.isEmpty() ? 0 : queue.reviveWaitingForEmail(ids, clock.instant().minus(window));
  }
}
