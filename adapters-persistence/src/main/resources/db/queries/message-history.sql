-- The whole history of a messageId: the message, its delivery job and every request made for it.
SELECT m.source, m.message_id, m.type, m.state, m.reason, m.received_at, m.event_timestamp, m.updated_at,
       j.id AS job_id, j.status AS job_status, j.attempts, j.due_at, j.accepted_at,
       a.attempted_at, a.endpoint, a.http_status, a.latency_ms, a.error_class, a.error_text
FROM messages m
LEFT JOIN delivery_jobs j ON j.message_ref = m.id
LEFT JOIN attempts a ON a.job_id = j.id
WHERE m.message_id = :message_id
ORDER BY m.source, a.attempted_at NULLS FIRST, a.id
