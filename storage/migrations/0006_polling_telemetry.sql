-- Polling: activity ratings and pinned categories, and the telemetry history
-- (counters, supplies, alerts, status transitions). Rows follow their device.
CREATE TABLE device_activity (
    device_id       INTEGER PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
    rating          REAL NOT NULL DEFAULT 0 CHECK (rating >= 0),
    pinned_category TEXT CHECK (pinned_category IN ('very_high', 'high', 'middle', 'low')),
    added_at        INTEGER NOT NULL,
    last_event      TEXT,
    last_event_at   INTEGER
) STRICT;

-- A counter reading is stored when the value changed. usage is the increase
-- since the previous stored reading; a value lower than the previous one is
-- a reset (device swap or board replacement): reset = 1 and usage NULL.
CREATE TABLE counter_readings (
    id        INTEGER PRIMARY KEY,
    device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    counter   TEXT NOT NULL,
    read_at   INTEGER NOT NULL,
    value     INTEGER NOT NULL CHECK (value >= 0),
    usage     INTEGER CHECK (usage >= 0),
    reset     INTEGER NOT NULL DEFAULT 0 CHECK (reset IN (0, 1))
) STRICT;
CREATE INDEX counter_readings_device ON counter_readings(device_id, counter, read_at);
CREATE INDEX counter_readings_time ON counter_readings(read_at);

-- Latest value per counter, kept beyond retention so usage stays exact.
CREATE TABLE counter_latest (
    device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    counter   TEXT NOT NULL,
    value     INTEGER NOT NULL CHECK (value >= 0),
    read_at   INTEGER NOT NULL,
    PRIMARY KEY (device_id, counter)
) STRICT, WITHOUT ROWID;

-- Supply level history, one row per change.
CREATE TABLE supply_levels (
    id           INTEGER PRIMARY KEY,
    device_id    INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    supply       TEXT NOT NULL,
    description  TEXT,
    read_at      INTEGER NOT NULL,
    level        INTEGER NOT NULL,
    max_capacity INTEGER NOT NULL
) STRICT;
CREATE INDEX supply_levels_device ON supply_levels(device_id, supply, read_at);
CREATE INDEX supply_levels_time ON supply_levels(read_at);

CREATE TABLE supply_latest (
    device_id    INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    supply       TEXT NOT NULL,
    level        INTEGER NOT NULL,
    max_capacity INTEGER NOT NULL,
    read_at      INTEGER NOT NULL,
    PRIMARY KEY (device_id, supply)
) STRICT, WITHOUT ROWID;

-- Alert lifecycle: raised, updated (severity or text changed), cleared.
CREATE TABLE device_alerts (
    id          INTEGER PRIMARY KEY,
    device_id   INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    alert_key   TEXT NOT NULL,
    severity    TEXT NOT NULL CHECK (severity IN ('critical', 'warning', 'other')),
    code        INTEGER NOT NULL,
    description TEXT NOT NULL,
    raised_at   INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    cleared_at  INTEGER
) STRICT;
CREATE UNIQUE INDEX device_alerts_open ON device_alerts(device_id, alert_key) WHERE cleared_at IS NULL;
CREATE INDEX device_alerts_cleared ON device_alerts(cleared_at) WHERE cleared_at IS NOT NULL;

-- Status transitions only (a row when the status changes).
CREATE TABLE device_status_events (
    id        INTEGER PRIMARY KEY,
    device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    at        INTEGER NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('online', 'sleeping', 'offline', 'auth_failure')),
    detail    TEXT
) STRICT;
CREATE INDEX device_status_events_device ON device_status_events(device_id, id);
CREATE INDEX device_status_events_time ON device_status_events(at);
