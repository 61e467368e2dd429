-- The console shows each attempt's request (issue 15): its method and path, never the host, query, headers or body
-- (a path holds no secret: keys travel in headers).
ALTER TABLE attempts ADD COLUMN request text;
