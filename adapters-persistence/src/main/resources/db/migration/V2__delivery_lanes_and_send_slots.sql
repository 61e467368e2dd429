-- Delivery lanes (issue 12): identifies draw on the CRM's contact API budget, tracks and pages on its activity
-- (tracking) budget; each lane has its own workers, so neither waits for the other's budget. A job stays blocked
-- by an earlier unfinished job of its ordering key in either lane (per-user order, §4).
ALTER TABLE delivery_jobs ADD COLUMN lane text NOT NULL DEFAULT 'contacts' CHECK (lane IN ('contacts', 'activity'));
UPDATE delivery_jobs j SET lane = 'activity'
FROM messages m WHERE m.id = j.message_ref AND m.type IN ('track', 'page');
CREATE INDEX delivery_jobs_pending_lane_due_idx ON delivery_jobs (lane, due_at, id) WHERE status = 'pending';

-- Send slots: when the last request of each budget was let go, so that consecutive requests leave at least one
-- interval apart even when a sender wakes late for its reserved slot (a request that reached the CRM late moves it
-- back, so that the next window keeps its second).
ALTER TABLE rate_limits ADD COLUMN last_sent_at timestamptz;
