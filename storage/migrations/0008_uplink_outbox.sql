-- Store-and-forward outbox for the cloud uplink. A record is committed here
-- before it is sent and deleted only when the cloud has acknowledged its
-- idempotency key. Rows are sent in id order.
CREATE TABLE uplink_outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('counters', 'consumables', 'alert', 'discovery', 'logs',
                                                  'audit', 'task_result')),
    device_key      TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL,
    payload         BLOB NOT NULL,
    bytes           INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX uplink_outbox_kind ON uplink_outbox(kind, device_key, created_at);

-- Registration and schedule state of the uplink (never secrets: the token
-- lives in the vault).
CREATE TABLE uplink_state (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- The anonymization mode, chosen once at installation. The triggers make the
-- row immutable: no later code path can change or remove it.
CREATE TABLE uplink_install (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    chosen_at INTEGER NOT NULL
) STRICT;

CREATE TRIGGER uplink_install_no_update BEFORE UPDATE ON uplink_install
BEGIN
    SELECT RAISE(ABORT, 'the anonymization mode is fixed at installation');
END;

CREATE TRIGGER uplink_install_no_delete BEFORE DELETE ON uplink_install
BEGIN
    SELECT RAISE(ABORT, 'the anonymization mode is fixed at installation');
END;
