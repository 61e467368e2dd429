-- A place of a sliding window can be taken a few milliseconds before its keep ends (decision 0022): the taker learns
-- when it frees, the moment its request may leave, from the end of the keep it replaced.
ALTER TABLE requests_in_flight ADD COLUMN free_from timestamptz;
