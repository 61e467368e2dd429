package io.acdest.domain.port.in;

import io.acdest.domain.replay.Replay;
import io.acdest.domain.replay.ReplayPlan;
import io.acdest.domain.replay.ReplayRequest;
import java.util.List;
import java.util.Optional;

/**
 * Incoming port for operators: replays of stored calls to one destination (docs/behaviour.md §7) — what one would do,
 * starting one, where they stand, pausing, resuming and cancelling.
 */
public interface ReplayUseCase {

  /** What a replay of this request would do, without starting it. */
  ReplayPlan plan(ReplayRequest request);

  /** Starts a replay; it runs in the background and survives restarts. */
  Started start(ReplayRequest request);

  /** The replay with this id. */
  Optional<Replay> find(long id);

  /** The most recent replays, newest first. */
  List<Replay> list(int limit);

  /** Pauses a running replay: it queues nothing more, and gives back what it queued and has not sent. */
  Optional<Replay> pause(long id);

  /** Resumes a paused replay where it was. */
  Optional<Replay> resume(long id);

  /** Cancels a running or paused replay: what it queued and has not sent is given back as it was. */
  Optional<Replay> cancel(long id);

  /** A replay just started, and what it said it would do. */
  record Started(Replay replay, ReplayPlan plan) {}

  /**
   * Moves every running replay one step: queues its next calls while its destination's queue has room for them.
   * Whether any replay queued something (the delivery workers have work).
   */
  boolean advance();
}
