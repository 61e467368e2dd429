-- Replays (decision 0030): an operator sends stored calls again to one destination. A replay walks the messages it
-- covers in acceptance order (by id, after its cursor, up to the last message accepted in its range when it was made)
-- and queues a delivery for each one it may send; the cursor moves in the transaction that queues them, so a replay
-- interrupted by a restart or a kill -9 goes on where it was and never queues one message twice.
CREATE TABLE replays (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    destination   text        NOT NULL,
    request       jsonb       NOT NULL,  -- what the operator asked for (no personal data beyond the ids asked for)
    state         text        NOT NULL CHECK (state IN ('running', 'paused', 'done', 'cancelled')),
    total         bigint      NOT NULL,  -- messages covered when it was made
    first_ref     bigint      NOT NULL,  -- its cursor when it was made: before the first message it covers
    cursor_ref    bigint      NOT NULL,  -- every covered message up to this id has been considered
    last_ref      bigint      NOT NULL,  -- the last message it covers
    considered    bigint      NOT NULL DEFAULT 0,  -- covered messages up to the cursor
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    finished_at   timestamptz
);
CREATE INDEX replays_unfinished_idx ON replays (id) WHERE state IN ('running', 'paused');

-- A delivery queued by a replay names it (the message's history shows it), keeps the outcome it replaced (a
-- cancelled replay gives it back), and comes after live deliveries in its destination's claims (priority 1), unless
-- a live call of the same person waits behind it (then the replay's runner raises it to 0).
ALTER TABLE delivery_jobs ADD COLUMN replay_id bigint,
                          ADD COLUMN priority smallint NOT NULL DEFAULT 0,
                          ADD COLUMN prior_outcome text,
                          ADD COLUMN prior_reason text;
CREATE INDEX delivery_jobs_replay_idx ON delivery_jobs (replay_id) WHERE replay_id IS NOT NULL;
CREATE INDEX delivery_jobs_replay_pending_idx ON delivery_jobs (replay_id) WHERE status = 'pending';

DROP INDEX delivery_jobs_pending_due_idx;
CREATE INDEX delivery_jobs_pending_due_idx ON delivery_jobs (destination, priority, due_at, id)
    WHERE status = 'pending';
DROP INDEX delivery_jobs_pending_lane_due_idx;
CREATE INDEX delivery_jobs_pending_lane_due_idx ON delivery_jobs (destination, lane, priority, due_at, id)
    WHERE status = 'pending';

-- One person's deliveries to a destination go in the order the calls were accepted: a job's id, or for a delivery
-- a replay added, its seq (the id of the call's first job to another destination, made when it was accepted; message
-- ids do not say it, since a request's messages are inserted in key order). A call replayed today goes before the
-- same person's later calls still pending, as it did when it was accepted.
ALTER TABLE delivery_jobs ADD COLUMN seq bigint;
DROP INDEX delivery_jobs_pending_key_idx;
CREATE INDEX delivery_jobs_pending_key_idx ON delivery_jobs (queue_key, (coalesce(seq, id))) WHERE status = 'pending';

-- What a delivery's CRM took no field for: the message's unmapped column holds the latest delivery's, and another
-- destination's delivery must not hide it from a replay of the unmapped ones (filled from the message for the
-- deliveries finished before this version).
ALTER TABLE delivery_jobs ADD COLUMN unmapped jsonb;
UPDATE delivery_jobs j SET unmapped = m.unmapped
FROM messages m WHERE j.message_ref = m.id AND j.status = 'finished' AND m.unmapped <> '[]'::jsonb;
