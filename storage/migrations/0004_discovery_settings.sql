-- Discovery settings: what to scan, with which SNMP credentials, when, and
-- what happens to the printers found. Communities and passphrases live in the
-- secrets table; the *_secret columns only hold the names of those entries.
CREATE TABLE discovery_settings (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    wsd_enabled  INTEGER NOT NULL CHECK (wsd_enabled IN (0, 1)),
    schedule     TEXT NOT NULL,
    registration TEXT NOT NULL CHECK (registration IN ('managed', 'pending')),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE discovery_targets (
    setting_id INTEGER NOT NULL REFERENCES discovery_settings(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('target', 'exclusion')),
    position   INTEGER NOT NULL,
    spec       TEXT NOT NULL,
    PRIMARY KEY (setting_id, role, position)
) STRICT;

CREATE TABLE discovery_credentials (
    setting_id       INTEGER NOT NULL REFERENCES discovery_settings(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    version          TEXT NOT NULL CHECK (version IN ('v1', 'v2c', 'v3')),
    user_name        TEXT,
    auth_protocol    TEXT,
    priv_protocol    TEXT,
    context          TEXT,
    community_secret TEXT,
    auth_secret      TEXT,
    priv_secret      TEXT,
    PRIMARY KEY (setting_id, position)
) STRICT;
