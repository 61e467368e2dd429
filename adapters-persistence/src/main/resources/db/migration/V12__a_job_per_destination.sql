-- A call is delivered to each destination it is routed to, each delivery a job of its own (decision 0029): a job
-- names its destination, and one message has at most one job per destination. Jobs stored before this version, and
-- every job of a service configured by environment variables, go to the destination 'default'.
ALTER TABLE delivery_jobs ADD COLUMN destination text NOT NULL DEFAULT 'default';
ALTER TABLE delivery_jobs DROP CONSTRAINT delivery_jobs_message_ref_key;
ALTER TABLE delivery_jobs ADD CONSTRAINT delivery_jobs_message_destination_key UNIQUE (message_ref, destination);
CREATE INDEX delivery_jobs_message_ref_idx ON delivery_jobs (message_ref);

-- One user's calls are delivered in order per destination: the claim looks for an earlier pending job of the same
-- ordering key to the same destination.
DROP INDEX delivery_jobs_pending_key_idx;
CREATE INDEX delivery_jobs_pending_key_idx ON delivery_jobs (destination, ordering_key, id) WHERE status = 'pending';
