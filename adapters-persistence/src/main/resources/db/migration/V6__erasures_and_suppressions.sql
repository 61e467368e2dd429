-- Erasure on request (issue 16). The log keeps no personal data: an id, times, counts, the CRM's result, and the
-- id of the suppression it made.
CREATE TABLE erasures (
    id                text        PRIMARY KEY,
    requested_at      timestamptz NOT NULL,
    completed_at      timestamptz NOT NULL,
    messages          bigint      NOT NULL,
    jobs              bigint      NOT NULL,
    attempts          bigint      NOT NULL,
    directory_entries bigint      NOT NULL,
    crm_result        text        NOT NULL,
    suppression_id    text
);
CREATE INDEX erasures_requested_at_idx ON erasures (requested_at);

-- Suppressions: one-way hashes of a person's identifiers; a call naming one is kept out.
CREATE TABLE suppressions (
    id         text        NOT NULL,
    hash       text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (id, hash)
);
CREATE INDEX suppressions_hash_idx ON suppressions (hash);

-- Finding a person's messages by the identifiers a call carries, without reading every message.
CREATE INDEX messages_user_id_idx ON messages ((payload->>'userId'));
CREATE INDEX messages_anonymous_id_idx ON messages ((payload->>'anonymousId'));
CREATE INDEX messages_previous_id_idx ON messages ((payload->>'previousId'));
CREATE INDEX messages_traits_email_idx ON messages ((lower(payload->'traits'->>'email')));
CREATE INDEX messages_properties_email_idx ON messages ((lower(payload->'properties'->>'email')));
CREATE INDEX messages_context_email_idx ON messages ((lower(payload->'context'->'traits'->>'email')));

-- When a leased job's delivery began (DeliveryQueue.start): an erasure waits for a delivery of the person that has
-- begun, and holds back (due at infinity) every other; a held-back job is never started.
ALTER TABLE delivery_jobs ADD COLUMN started_at timestamptz;
