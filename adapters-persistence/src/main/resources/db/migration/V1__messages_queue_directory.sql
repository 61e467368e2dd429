-- Messages: one row per accepted call (audit log + idempotency by source and messageId).
CREATE TABLE messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source          text        NOT NULL,  -- the write key's id, never the key
    message_id      text        NOT NULL,
    type            text        NOT NULL,
    payload         jsonb       NOT NULL,  -- the event as received, batch context merged in
    received_at     timestamptz NOT NULL,
    event_timestamp timestamptz NOT NULL,  -- skew-corrected
    state           text        NOT NULL CHECK (state IN ('accepted', 'delivering', 'delivered', 'skipped',
                                                          'filtered', 'ignored', 'rejected', 'dead')),
    reason          text,
    warnings        jsonb       NOT NULL DEFAULT '[]',
    unmapped        jsonb       NOT NULL DEFAULT '[]',
    updated_at      timestamptz NOT NULL,
    CONSTRAINT messages_source_message_id_key UNIQUE (source, message_id)
);
CREATE INDEX messages_received_at_idx ON messages (received_at);
CREATE INDEX messages_message_id_idx ON messages (message_id);
CREATE INDEX messages_state_idx ON messages (state, updated_at) WHERE state IN ('dead', 'accepted', 'delivering');

-- Delivery jobs: one per accepted message. Claimed under a lease; one ordering key's jobs in id order.
CREATE TABLE delivery_jobs (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_ref      bigint      NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
    ordering_key     text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'finished')),
    due_at           timestamptz NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    accepted_at      timestamptz NOT NULL,  -- the retry window starts here
    lease_owner      text,
    lease_expires_at timestamptz,
    finished_at      timestamptz
);
CREATE INDEX delivery_jobs_pending_key_idx ON delivery_jobs (ordering_key, id) WHERE status = 'pending';
CREATE INDEX delivery_jobs_pending_due_idx ON delivery_jobs (due_at, id) WHERE status = 'pending';

-- Attempts: one append-only row per request made to the CRM. Never headers, keys or bodies.
CREATE TABLE attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id       bigint      NOT NULL REFERENCES delivery_jobs (id) ON DELETE CASCADE,
    endpoint     text        NOT NULL,
    http_status  integer,
    latency_ms   bigint      NOT NULL,
    error_class  text,
    error_text   text,
    attempted_at timestamptz NOT NULL
);
CREATE INDEX attempts_job_idx ON attempts (job_id, attempted_at);

CREATE FUNCTION attempts_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'attempts are append-only: rows are never updated';
END;
$$;
CREATE TRIGGER attempts_no_update BEFORE UPDATE ON attempts
    FOR EACH ROW EXECUTE FUNCTION attempts_are_append_only();

-- Contact directory: user and anonymous ids to email to CRM contact id.
CREATE TABLE directory_identities (
    kind             text        NOT NULL CHECK (kind IN ('user', 'anonymous')),
    identity         text        NOT NULL,
    email            text        NOT NULL,
    crm_contact_id   text,
    previous_email   text,         -- the email before the latest change, when it changed
    email_changed_at timestamptz,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (kind, identity)
);
CREATE INDEX directory_identities_email_idx ON directory_identities (email);

CREATE TABLE directory_aliases (
    previous_id text        PRIMARY KEY,
    user_id     text        NOT NULL,
    created_at  timestamptz NOT NULL
);

-- What the service last synced to each CRM contact, to recognise identifies that change nothing.
CREATE TABLE contact_sync_states (
    crm_contact_id     text        PRIMARY KEY,
    email              text        NOT NULL,
    tags               jsonb       NOT NULL,
    list_statuses      jsonb       NOT NULL,
    fields_fingerprint text        NOT NULL,
    synced_at          timestamptz NOT NULL
);

-- Shared rate limiter: one row per CRM account (GCRA theoretical arrival time) and its Retry-After pause.
CREATE TABLE rate_limits (
    account                  text        PRIMARY KEY,
    theoretical_arrival_time timestamptz NOT NULL,
    paused_until             timestamptz
);
