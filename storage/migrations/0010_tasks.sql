-- Maintenance tasks received from the cloud in Manage mode. The task id is the
-- primary key, so a task delivered twice is recognised and never run twice.
-- Parameters are kept as received (they never carry secrets: write
-- credentials live in the vault); the result is what was reported upstream.
CREATE TABLE tasks (
    id          TEXT PRIMARY KEY NOT NULL,
    type        TEXT NOT NULL,
    device_key  TEXT NOT NULL,
    parameters  TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('refused', 'running', 'succeeded', 'failed')),
    progress    INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    message     TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL DEFAULT '{}',
    received_at INTEGER NOT NULL,
    finished_at INTEGER
) STRICT;

CREATE INDEX tasks_received ON tasks(received_at);
