/**
 * Replays (docs/behaviour.md §7): stored calls sent again to one destination, to fill a new destination or to redo
 * what a fix made deliverable. What a replay covers ({@link io.acdest.domain.replay.ReplayRequest}), what it does
 * with each call ({@link io.acdest.domain.replay.ReplayRule}), and where it stands
 * ({@link io.acdest.domain.replay.Replay}).
 */
package io.acdest.domain.replay;
