-- A call is delivered to each destination it is routed to, each delivery a job of its own (decision 0029): a job
-- names its destination, and one message has at most one job per destination. Jobs stored before this version, and
-- every job of a service configured by environment variables, go to the destination 'default'.
ALTER TABLE delivery_jobs ADD COLUMN destination text NOT NULL DEFAULT 'default';
ALTER TABLE delivery_jobs DROP CONSTRAINT delivery_jobs_message_ref_key;
ALTER TABLE delivery_jobs ADD CONSTRAINT delivery_jobs_message_destination_key UNIQUE (message_ref, destination);
CREATE INDEX delivery_jobs_message_ref_idx ON delivery_jobs (message_ref);

-- One user's calls are delivered in order per destination: the claim looks for an earlier pending job of the same
-- ordering key to the same destination. The ordering key leads the index: led by the destination (a handful of
-- values), a planner without statistics scanned every pending job of the destination for each candidate
-- (StoreBenchmark's claims went past the 60 s socket timeout).
DROP INDEX delivery_jobs_pending_key_idx;
CREATE INDEX delivery_jobs_pending_key_idx ON delivery_jobs (ordering_key, destination, id) WHERE status = 'pending';

-- A worker claims its destination's due jobs in due order: the due indexes are per destination, so that the claim
-- walks them in order instead of sorting every pending job of the destination (StoreBenchmark: 318 claims a second
-- with the old indexes and the destination test, as before destinations with these).
DROP INDEX delivery_jobs_pending_due_idx;
CREATE INDEX delivery_jobs_pending_due_idx ON delivery_jobs (destination, due_at, id) WHERE status = 'pending';
DROP INDEX delivery_jobs_pending_lane_due_idx;
CREATE INDEX delivery_jobs_pending_lane_due_idx ON delivery_jobs (destination, lane, due_at, id)
    WHERE status = 'pending';
