-- The console's device list: identity read from the devices, and a summary
-- per device (status, open alerts, lowest supply, priority category) kept in
-- the devices row so that filtering, sorting and paging over 10,000 devices
-- run in SQL on indexes instead of scanning the telemetry tables per request.
-- Triggers keep the summary in step with the telemetry tables, whichever code
-- writes them.
ALTER TABLE devices ADD COLUMN name TEXT;
ALTER TABLE devices ADD COLUMN location TEXT;
ALTER TABLE devices ADD COLUMN firmware TEXT;
-- online, sleeping, offline, unreachable, error (authentication failure), unknown (never polled)
ALTER TABLE devices ADD COLUMN status TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE devices ADD COLUMN open_alerts INTEGER NOT NULL DEFAULT 0;
-- lowest remaining supply in percent of its capacity; NULL when no supply reports a level
ALTER TABLE devices ADD COLUMN lowest_supply INTEGER;
-- the polling category (very_high, high, middle, low) as last assigned; NULL when not polled
ALTER TABLE devices ADD COLUMN priority TEXT;

UPDATE devices SET status = COALESCE((
    SELECT CASE e.status
               WHEN 'auth_failure' THEN 'error'
               WHEN 'offline' THEN CASE WHEN e.detail LIKE 'unreachable%' OR e.detail LIKE 'no answer%'
                                        THEN 'unreachable' ELSE 'offline' END
               ELSE e.status END
    FROM device_status_events e WHERE e.device_id = devices.id ORDER BY e.id DESC LIMIT 1), 'unknown');
UPDATE devices SET open_alerts = (
    SELECT count(*) FROM device_alerts a WHERE a.device_id = devices.id AND a.cleared_at IS NULL);
UPDATE devices SET lowest_supply = (
    SELECT min(s.level * 100 / s.max_capacity) FROM supply_latest s
    WHERE s.device_id = devices.id AND s.max_capacity > 0 AND s.level >= 0);

CREATE TRIGGER devices_status_summary AFTER INSERT ON device_status_events
BEGIN
    UPDATE devices SET status =
        CASE NEW.status
            WHEN 'auth_failure' THEN 'error'
            WHEN 'offline' THEN CASE WHEN NEW.detail LIKE 'unreachable%' OR NEW.detail LIKE 'no answer%'
                                     THEN 'unreachable' ELSE 'offline' END
            ELSE NEW.status END
    WHERE id = NEW.device_id;
END;

CREATE TRIGGER devices_alerts_raised AFTER INSERT ON device_alerts WHEN NEW.cleared_at IS NULL
BEGIN
    UPDATE devices SET open_alerts = open_alerts + 1 WHERE id = NEW.device_id;
END;

CREATE TRIGGER devices_alerts_cleared AFTER UPDATE OF cleared_at ON device_alerts
    WHEN OLD.cleared_at IS NULL AND NEW.cleared_at IS NOT NULL
BEGIN
    UPDATE devices SET open_alerts = max(open_alerts - 1, 0) WHERE id = NEW.device_id;
END;

CREATE TRIGGER devices_supply_inserted AFTER INSERT ON supply_latest
BEGIN
    UPDATE devices SET lowest_supply = (
        SELECT min(s.level * 100 / s.max_capacity) FROM supply_latest s
        WHERE s.device_id = NEW.device_id AND s.max_capacity > 0 AND s.level >= 0)
    WHERE id = NEW.device_id;
END;

CREATE TRIGGER devices_supply_updated AFTER UPDATE ON supply_latest
BEGIN
    UPDATE devices SET lowest_supply = (
        SELECT min(s.level * 100 / s.max_capacity) FROM supply_latest s
        WHERE s.device_id = NEW.device_id AND s.max_capacity > 0 AND s.level >= 0)
    WHERE id = NEW.device_id;
END;

-- One index per sort key (with the id as the tie-breaker the list uses), so a
-- page is read in order instead of sorting the whole inventory.
CREATE INDEX devices_name ON devices(name COLLATE NOCASE, id);
CREATE INDEX devices_vendor ON devices(manufacturer COLLATE NOCASE, id);
CREATE INDEX devices_model ON devices(model COLLATE NOCASE, id);
CREATE INDEX devices_status ON devices(status, id);
CREATE INDEX devices_last_seen ON devices(last_seen, id);
CREATE INDEX devices_state ON devices(state, id);
CREATE INDEX devices_priority ON devices(priority, id);
CREATE INDEX devices_priority_rank ON devices(
    (CASE priority WHEN 'very_high' THEN 0 WHEN 'high' THEN 1 WHEN 'middle' THEN 2 WHEN 'low' THEN 3 ELSE 4 END), id);
CREATE INDEX devices_open_alerts ON devices(open_alerts) WHERE open_alerts > 0;
