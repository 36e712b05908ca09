-- Encrypted secrets (AES-256-GCM). The key itself never lives in the database;
-- key_id names the entry of the key ring that encrypted the value.
CREATE TABLE secrets (
    name       TEXT PRIMARY KEY NOT NULL,
    key_id     INTEGER NOT NULL,
    nonce      BLOB NOT NULL CHECK (length(nonce) = 12),
    ciphertext BLOB NOT NULL,
    tag        BLOB NOT NULL CHECK (length(tag) = 16),
    updated_at INTEGER NOT NULL
) STRICT;
