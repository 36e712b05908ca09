-- Local console security: the administrator account, its password history,
-- login failures per (source address, account), TOTP recovery codes and the
-- tamper-evident audit log.
CREATE TABLE console_accounts (
    name                TEXT PRIMARY KEY NOT NULL,
    password_hash       TEXT,
    password_changed_at INTEGER,
    totp_enabled        INTEGER NOT NULL DEFAULT 0,
    totp_last_step      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE console_password_history (
    id         INTEGER PRIMARY KEY,
    account    TEXT NOT NULL,
    hash       TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE console_login_failures (
    source       TEXT NOT NULL,
    account      TEXT NOT NULL,
    failures     INTEGER NOT NULL,
    locked_until INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source, account)
) STRICT;

CREATE TABLE console_recovery_codes (
    account   TEXT NOT NULL,
    code_hash BLOB NOT NULL,
    used_at   INTEGER,
    PRIMARY KEY (account, code_hash)
) STRICT;

-- Append-only: each row's hash covers its fields and the previous row's hash.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    source    TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    result    TEXT NOT NULL CHECK (result IN ('success', 'failure')),
    prev_hash BLOB NOT NULL,
    hash      BLOB NOT NULL
) STRICT;

CREATE INDEX audit_log_at ON audit_log(at);

-- One row: where the chain starts after pruning, and where it ends, so that
-- deleting the newest rows is detected too.
CREATE TABLE audit_chain (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    anchor_id   INTEGER NOT NULL,
    anchor_hash BLOB NOT NULL,
    head_id     INTEGER NOT NULL,
    head_hash   BLOB NOT NULL
) STRICT;
