-- Calls of an anonymous visitor skipped for want of an email are revived when the visitor identifies (issue 13):
-- found by the payload's anonymousId among skipped messages.
CREATE INDEX messages_skipped_anonymous_idx ON messages ((payload->>'anonymousId'), received_at)
    WHERE state = 'skipped';
