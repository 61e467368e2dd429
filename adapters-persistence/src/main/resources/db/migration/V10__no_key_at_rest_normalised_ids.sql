-- No key at rest (issue 23): browsers and analytics-python send the write key inside the body; the intake takes it out
-- of every call from now on, and this takes it out of the calls stored before, also from the text of an event the
-- store could not hold as received.
UPDATE messages SET payload = payload - 'writeKey' WHERE payload ? 'writeKey';
UPDATE messages
SET payload = jsonb_build_object('unstorableEvent',
    regexp_replace(payload->>'unstorableEvent', '"writeKey"\s*:\s*"(\\.|[^"\\])*"', '"writeKey":"***"', 'g'))
WHERE payload ? 'unstorableEvent' AND payload->>'unstorableEvent' LIKE '%writeKey%';

-- A person's identifiers as the intake reads them (issue 23: an erasure missed a call whose email had leading spaces):
-- ids trimmed, emails trimmed and lower-cased. The searches of the console, the erasure and the revival of waiting
-- calls all compare through these, and the indexes are on them.
CREATE FUNCTION acdest_id(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN nullif(btrim(value, E' \t\n\r\f\v'), '');
CREATE FUNCTION acdest_email(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN lower(nullif(btrim(value, E' \t\n\r\f\v'), ''));

DROP INDEX messages_user_id_idx;
DROP INDEX messages_anonymous_id_idx;
DROP INDEX messages_previous_id_idx;
DROP INDEX messages_traits_email_idx;
DROP INDEX messages_properties_email_idx;
DROP INDEX messages_context_email_idx;
DROP INDEX messages_skipped_user_idx;
DROP INDEX messages_skipped_anonymous_idx;
CREATE INDEX messages_user_id_idx ON messages (acdest_id(payload->>'userId'));
CREATE INDEX messages_anonymous_id_idx ON messages (acdest_id(payload->>'anonymousId'));
CREATE INDEX messages_previous_id_idx ON messages (acdest_id(payload->>'previousId'));
CREATE INDEX messages_traits_email_idx ON messages (acdest_email(payload->'traits'->>'email'));
CREATE INDEX messages_properties_email_idx ON messages (acdest_email(payload->'properties'->>'email'));
CREATE INDEX messages_context_email_idx ON messages (acdest_email(payload->'context'->'traits'->>'email'));
CREATE INDEX messages_skipped_user_idx ON messages (acdest_id(payload->>'userId'), received_at) WHERE state = 'skipped';
CREATE INDEX messages_skipped_anonymous_idx ON messages (acdest_id(payload->>'anonymousId'), received_at)
    WHERE state = 'skipped';
-- An event the store could not hold is kept as text; an erasure reads those few rows' text too.
CREATE INDEX messages_unstorable_idx ON messages (id) WHERE payload ? 'unstorableEvent';
