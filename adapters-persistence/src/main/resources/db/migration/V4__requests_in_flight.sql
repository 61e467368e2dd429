-- A request budget can also limit how many requests are in flight at once, across instances (issue 14): one row
-- per place taken, deleted when the answer has come; a place whose lease has ended (its holder died) is taken over.
CREATE TABLE requests_in_flight (
    budget     text        NOT NULL,
    place      integer     NOT NULL,
    holder     text        NOT NULL,
    held_until timestamptz NOT NULL,
    PRIMARY KEY (budget, place)
);
