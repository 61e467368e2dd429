-- What a call may not do, by its source (issue 23): a browser source's public write key may not change list
-- subscriptions, reset tags or change a known user's email. Comma-separated names (list_changes, tag_reset,
-- email_change); empty for a call that may do everything. Kept with the call, as a delivery maps the stored call.
ALTER TABLE messages ADD COLUMN limits text NOT NULL DEFAULT '';
