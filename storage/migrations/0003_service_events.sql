-- Start and stop of the service, for status and diagnostics.
CREATE TABLE service_events (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    event    TEXT NOT NULL,
    version  TEXT NOT NULL
) STRICT;
