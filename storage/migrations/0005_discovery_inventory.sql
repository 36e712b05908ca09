-- Inventory keyed by the physical device: how a device was found, which
-- credential of which discovery setting answered, and missed polls for
-- device recovery.
ALTER TABLE devices ADD COLUMN found_by INTEGER REFERENCES discovery_settings(id) ON DELETE SET NULL;
ALTER TABLE devices ADD COLUMN found_via TEXT NOT NULL DEFAULT '';
ALTER TABLE devices ADD COLUMN credential_setting INTEGER REFERENCES discovery_settings(id) ON DELETE SET NULL;
ALTER TABLE devices ADD COLUMN credential_position INTEGER;
ALTER TABLE devices ADD COLUMN previous_address TEXT;
ALTER TABLE devices ADD COLUMN address_changed_at INTEGER;
ALTER TABLE devices ADD COLUMN missed_polls INTEGER NOT NULL DEFAULT 0;
CREATE INDEX devices_address ON devices(address);
