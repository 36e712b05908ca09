-- Devices sort by address as numbers (10.0.0.9 before 10.0.0.10): the
-- inventory keeps a binary sort key beside the address (IPv4 first, then
-- IPv6, then host names), filled for older rows on first use.
ALTER TABLE devices ADD COLUMN address_key BLOB;
CREATE INDEX devices_address_key ON devices(address_key, id);
