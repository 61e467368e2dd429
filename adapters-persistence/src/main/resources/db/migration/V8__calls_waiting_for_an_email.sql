-- A track or page that arrives before its person's identify waits for the email (issue 22): it comes back when an
-- identify or an alias of any of its ids makes the email known, found by the payload's userId as well as its
-- anonymousId among skipped messages. Calls skipped before this version under the old wording wait too.
UPDATE messages SET reason = 'waiting for an identify: no email is known for this user yet'
WHERE state = 'skipped' AND reason = 'no email for user';
CREATE INDEX messages_skipped_user_idx ON messages ((payload->>'userId'), received_at) WHERE state = 'skipped';
-- The previous ids aliased to a user, whose waiting calls come back when the user identifies.
CREATE INDEX directory_aliases_user_id_idx ON directory_aliases (user_id);
