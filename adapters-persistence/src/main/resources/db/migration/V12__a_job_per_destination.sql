-- A call is delivered to each destination it is routed to, each delivery a job of its own (decision 0029): a job
-- names its destination, and one message has at most one job per destination. Jobs stored before this version, and
-- every job of a service configured by environment variables, go to the destination 'default'.
ALTER TABLE delivery_jobs ADD COLUMN destination text NOT NULL DEFAULT 'default';
ALTER TABLE delivery_jobs DROP CONSTRAINT delivery_jobs_message_ref_key;
ALTER TABLE delivery_jobs ADD CONSTRAINT delivery_jobs_message_destination_key UNIQUE (message_ref, destination);
CREATE INDEX delivery_jobs_message_ref_idx ON delivery_jobs (message_ref);

-- One user's calls are delivered in order per destination: a job is claimable when it is the first pending job of
-- its queue key (its destination and its ordering key in one value), found by min(id) in this index. One column,
-- not two: with the destination a second test, the claim's plan carried the worker's destination into the look-up
-- of earlier jobs and walked every pending job of the destination for each candidate (StoreBenchmark's claims went
-- past the 60 s socket timeout, as a NOT EXISTS did on a table without statistics).
ALTER TABLE delivery_jobs ADD COLUMN queue_key text GENERATED ALWAYS AS (destination || ' ' || ordering_key) STORED;
DROP INDEX delivery_jobs_pending_key_idx;
CREATE INDEX delivery_jobs_pending_key_idx ON delivery_jobs (queue_key, id) WHERE status = 'pending';

-- A worker claims its destination's due jobs of its lane in due order: the due indexes lead with the destination,
-- so that the claim walks them in order instead of sorting every pending job of the destination (StoreBenchmark:
-- 318 claims a second with the old indexes and a destination test).
DROP INDEX delivery_jobs_pending_due_idx;
CREATE INDEX delivery_jobs_pending_due_idx ON delivery_jobs (destination, due_at, id) WHERE status = 'pending';
DROP INDEX delivery_jobs_pending_lane_due_idx;
CREATE INDEX delivery_jobs_pending_lane_due_idx ON delivery_jobs (destination, lane, due_at, id)
    WHERE status = 'pending';

-- Each delivery has its own outcome (delivered, skipped, dead, or ended when its destination left the configuration)
-- and reason; the message's state and reason sum up its deliveries (DeliverySummary). A job finished before this
-- version takes its message's.
ALTER TABLE delivery_jobs ADD COLUMN outcome text, ADD COLUMN reason text;
UPDATE delivery_jobs j SET outcome = m.state, reason = m.reason
FROM messages m WHERE j.message_ref = m.id AND j.status = 'finished';
UPDATE delivery_jobs j SET reason = m.reason
FROM messages m WHERE j.message_ref = m.id AND j.status = 'pending' AND m.reason LIKE 'retrying: %';

-- The destinations' view counts each destination's deliveries finished in the last hour.
CREATE INDEX delivery_jobs_finished_at_idx ON delivery_jobs (finished_at) WHERE status = 'finished';
