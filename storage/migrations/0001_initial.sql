-- Gateway settings as key/value pairs, and the device inventory.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE devices (
    id            INTEGER PRIMARY KEY,
    serial_number TEXT,
    mac_address   TEXT,
    address       TEXT NOT NULL,
    manufacturer  TEXT,
    model         TEXT,
    state         TEXT NOT NULL DEFAULT 'managed' CHECK (state IN ('managed', 'pending')),
    first_seen    INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL
) STRICT;

CREATE UNIQUE INDEX devices_serial ON devices(serial_number) WHERE serial_number IS NOT NULL;
CREATE UNIQUE INDEX devices_mac ON devices(mac_address) WHERE mac_address IS NOT NULL;
