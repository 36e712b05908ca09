#include <netgateway/core/polling/TelemetryStore.h>

#include <netgateway/storage/Database.h>

#include <QSet>

#include <algorithm>

namespace netgateway::core::polling {

using storage::Statement;
using storage::Transaction;

namespace {

bool isValidName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64) {
        return false;
    }
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
               (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') || c == QLatin1Char('_') ||
               c == QLatin1Char('-');
    });
}

// Device text: control characters become spaces, length bounded.
QString cleanText(const QString &text, qsizetype maxChars)
{
    QString out = text.left(maxChars);
    for (QChar &c : out) {
        if (c.category() == QChar::Other_Control) {
            c = QLatin1Char(' ');
        }
    }
    return out.trimmed();
}

QString severityName(AlertSeverity s)
{
    switch (s) {
    case AlertSeverity::Critical:
        return QStringLiteral("critical");
    case AlertSeverity::Warning:
        return QStringLiteral("warning");
    case AlertSeverity::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

std::optional<DeviceStatus> statusFromName(const QString &s)
{
    for (DeviceStatus d :
         {DeviceStatus::Online, DeviceStatus::Sleeping, DeviceStatus::Offline, DeviceStatus::AuthFailure}) {
        if (deviceStatusName(d) == s) {
            return d;
        }
    }
    return std::nullopt;
}

bool isValidSupply(const SupplyLevel &s)
{
    if (!isValidName(s.name)) {
        return false;
    }
    if (s.maxCapacity > 0) {
        return s.maxCapacity <= 1'000'000'000 &&
               ((s.level >= 0 && s.level <= s.maxCapacity) || (s.level >= -3 && s.level <= -1));
    }
    return (s.maxCapacity == -1 || s.maxCapacity == -2) && s.level >= -3 && s.level <= 0;
}

} // namespace

QString deviceStatusName(DeviceStatus s)
{
    switch (s) {
    case DeviceStatus::Online:
        return QStringLiteral("online");
    case DeviceStatus::Sleeping:
        return QStringLiteral("sleeping");
    case DeviceStatus::Offline:
        return QStringLiteral("offline");
    case DeviceStatus::AuthFailure:
        return QStringLiteral("auth_failure");
    }
    return QStringLiteral("offline");
}

TelemetryStore::TelemetryStore(storage::Database &db) : m_db(db)
{
}

std::vector<TelemetryStore::ActivityRow> TelemetryStore::loadManagedDevices(double newRating, qint64 now)
{
    Transaction tx(m_db);
    {
        Statement ins(m_db, "INSERT INTO device_activity(device_id, rating, added_at) "
                            "SELECT id, ?1, ?2 FROM devices WHERE state = 'managed' "
                            "AND id NOT IN (SELECT device_id FROM device_activity)");
        ins.bind(1, newRating).bind(2, now);
        ins.run();
    }
    std::vector<ActivityRow> rows;
    Statement st(m_db, "SELECT d.id, d.address, a.rating, a.pinned_category, a.added_at, a.last_event, "
                       "a.last_event_at FROM devices d JOIN device_activity a ON a.device_id = d.id "
                       "WHERE d.state = 'managed' ORDER BY d.id");
    while (st.step()) {
        ActivityRow r;
        r.deviceId = st.int64(0);
        r.address = st.text(1);
        r.rating = st.real(2);
        if (!st.isNull(3)) {
            r.pinned = priorityFromName(st.text(3));
        }
        r.addedAt = st.int64(4);
        r.lastEvent = st.isNull(5) ? QString() : st.text(5);
        r.lastEventAt = st.isNull(6) ? 0 : st.int64(6);
        rows.push_back(std::move(r));
    }
    tx.commit();
    return rows;
}

TelemetryStore::ActivityRow TelemetryStore::ensureActivity(std::int64_t deviceId, double newRating, qint64 now)
{
    Statement dev(m_db, "SELECT address FROM devices WHERE id = ?1");
    dev.bind(1, deviceId);
    if (!dev.step()) {
        throw storage::StorageError(storage::StorageError::Kind::NotFound,
                                    QStringLiteral("device %1 is not in the inventory").arg(deviceId));
    }
    ActivityRow r;
    r.deviceId = deviceId;
    r.address = dev.text(0);
    {
        Statement ins(m_db, "INSERT OR IGNORE INTO device_activity(device_id, rating, added_at) VALUES(?1, ?2, ?3)");
        ins.bind(1, deviceId).bind(2, newRating).bind(3, now);
        ins.run();
    }
    Statement st(m_db, "SELECT rating, pinned_category, added_at, last_event, last_event_at FROM device_activity "
                       "WHERE device_id = ?1");
    st.bind(1, deviceId);
    if (st.step()) {
        r.rating = st.real(0);
        if (!st.isNull(1)) {
            r.pinned = priorityFromName(st.text(1));
        }
        r.addedAt = st.int64(2);
        r.lastEvent = st.isNull(3) ? QString() : st.text(3);
        r.lastEventAt = st.isNull(4) ? 0 : st.int64(4);
    }
    return r;
}

void TelemetryStore::saveRatings(const std::vector<RatingUpdate> &updates)
{
    if (updates.empty()) {
        return;
    }
    Transaction tx(m_db);
    Statement st(m_db, "UPDATE device_activity SET rating = ?2, last_event = ?3, last_event_at = ?4 "
                       "WHERE device_id = ?1");
    for (const RatingUpdate &u : updates) {
        st.bind(1, u.deviceId).bind(2, std::max(0.0, u.rating));
        if (u.lastEvent.isEmpty()) {
            st.bindNull(3).bindNull(4);
        } else {
            st.bind(3, u.lastEvent).bind(4, u.lastEventAt);
        }
        st.run();
    }
    tx.commit();
}

void TelemetryStore::setPin(std::int64_t deviceId, std::optional<Priority> pinned)
{
    Statement st(m_db, "UPDATE device_activity SET pinned_category = ?2 WHERE device_id = ?1");
    st.bind(1, deviceId);
    if (pinned) {
        st.bind(2, priorityName(*pinned));
    } else {
        st.bindNull(2);
    }
    st.run();
}

QString TelemetryStore::setting(const QString &key, const QString &fallback)
{
    Statement st(m_db, "SELECT value FROM settings WHERE key = ?1");
    st.bind(1, key);
    return st.step() ? st.text(0) : fallback;
}

void TelemetryStore::setSetting(const QString &key, const QString &value, qint64 now)
{
    Statement st(m_db, "INSERT INTO settings(key, value, updated_at) VALUES(?1, ?2, ?3) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
    st.bind(1, key).bind(2, value).bind(3, now);
    st.run();
}

std::optional<DeviceStatus> TelemetryStore::lastStatus(std::int64_t deviceId)
{
    const auto it = m_lastStatus.find(deviceId);
    if (it != m_lastStatus.end()) {
        return it->second;
    }
    Statement st(m_db, "SELECT status FROM device_status_events WHERE device_id = ?1 ORDER BY id DESC LIMIT 1");
    st.bind(1, deviceId);
    if (!st.step()) {
        return std::nullopt;
    }
    const auto s = statusFromName(st.text(0));
    if (s) {
        m_lastStatus[deviceId] = *s;
    }
    return s;
}

bool TelemetryStore::recordStatus(std::int64_t deviceId, DeviceStatus status, qint64 at, const QString &detail)
{
    const auto previous = lastStatus(deviceId);
    if (previous && *previous == status) {
        return false;
    }
    Statement st(m_db, "INSERT INTO device_status_events(device_id, at, status, detail) VALUES(?1, ?2, ?3, ?4)");
    st.bind(1, deviceId).bind(2, at).bind(3, deviceStatusName(status));
    const QString clean = cleanText(detail, 256);
    if (clean.isEmpty()) {
        st.bindNull(4);
    } else {
        st.bind(4, clean);
    }
    st.run();
    m_lastStatus[deviceId] = status;
    return true;
}

TelemetryStore::AlertChanges TelemetryStore::applyAlertTable(std::int64_t deviceId,
                                                             const std::vector<AlertEntry> &active, qint64 at)
{
    AlertChanges changes;
    struct Open {
        std::int64_t id;
        QString severity;
        std::int64_t code;
        QString description;
    };
    Transaction tx(m_db);
    QHash<QString, Open> open;
    {
        Statement st(m_db, "SELECT id, alert_key, severity, code, description FROM device_alerts "
                           "WHERE device_id = ?1 AND cleared_at IS NULL");
        st.bind(1, deviceId);
        while (st.step()) {
            open.insert(st.text(1), Open{st.int64(0), st.text(2), st.int64(3), st.text(4)});
        }
    }
    Statement raise(m_db, "INSERT INTO device_alerts(device_id, alert_key, severity, code, description, raised_at, "
                          "updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?6)");
    Statement update(m_db, "UPDATE device_alerts SET severity = ?2, code = ?3, description = ?4, updated_at = ?5 "
                           "WHERE id = ?1");
    QSet<QString> seen;
    std::size_t accepted = 0;
    for (const AlertEntry &a : active) {
        const QString key = a.key.trimmed();
        if (key.isEmpty() || key.toUtf8().size() > AlertEntry::kMaxKeyBytes || seen.contains(key) ||
            accepted >= AlertTableResult::kMaxAlerts) {
            ++changes.rejected;
            continue;
        }
        ++accepted;
        seen.insert(key);
        const QString severity = severityName(a.severity);
        const QString description = cleanText(a.description, AlertEntry::kMaxDescriptionChars);
        const auto it = open.constFind(key);
        if (it == open.cend()) {
            raise.bind(1, deviceId).bind(2, key).bind(3, severity).bind(4, a.code).bind(5, description).bind(6, at);
            raise.run();
            if (changes.raised == 0) {
                changes.firstRaised = description.isEmpty() ? key : description;
            }
            ++changes.raised;
        } else if (it->severity != severity || it->code != a.code || it->description != description) {
            update.bind(1, it->id).bind(2, severity).bind(3, a.code).bind(4, description).bind(5, at);
            update.run();
            ++changes.updated;
        }
    }
    Statement clear(m_db, "UPDATE device_alerts SET cleared_at = ?2, updated_at = ?2 WHERE id = ?1");
    for (auto it = open.cbegin(); it != open.cend(); ++it) {
        if (!seen.contains(it.key())) {
            clear.bind(1, it->id).bind(2, at);
            clear.run();
            ++changes.cleared;
        }
    }
    tx.commit();
    return changes;
}

int TelemetryStore::openAlertCount(std::int64_t deviceId)
{
    Statement st(m_db, "SELECT count(*) FROM device_alerts WHERE device_id = ?1 AND cleared_at IS NULL");
    st.bind(1, deviceId);
    st.step();
    return static_cast<int>(st.int64(0));
}

TelemetryStore::CounterChanges TelemetryStore::recordCounters(std::int64_t deviceId, const CountersResult &result,
                                                              qint64 at)
{
    CounterChanges changes;
    Transaction tx(m_db);
    if (!result.name.isEmpty() || !result.location.isEmpty() || !result.firmware.isEmpty()) {
        // Identity for the console's list; written only when it changed.
        Statement identity(m_db, "UPDATE devices SET name = ?2, location = ?3, firmware = ?4 WHERE id = ?1 AND "
                                 "(name IS NOT ?2 OR location IS NOT ?3 OR firmware IS NOT ?4)");
        identity.bind(1, deviceId)
            .bind(2, cleanText(result.name, 255))
            .bind(3, cleanText(result.location, 255))
            .bind(4, cleanText(result.firmware, 255));
        identity.run();
    }
    Statement latest(m_db, "SELECT value FROM counter_latest WHERE device_id = ?1 AND counter = ?2");
    Statement insert(m_db, "INSERT INTO counter_readings(device_id, counter, read_at, value, usage, reset) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    Statement upsert(m_db, "INSERT INTO counter_latest(device_id, counter, value, read_at) VALUES(?1, ?2, ?3, ?4) "
                           "ON CONFLICT(device_id, counter) DO UPDATE SET value = excluded.value, "
                           "read_at = excluded.read_at");
    QSet<QString> seenCounters;
    std::size_t index = 0;
    for (const CounterValue &c : result.counters) {
        if (index++ >= CountersResult::kMaxCounters || !isValidName(c.name) || c.value < 0 ||
            seenCounters.contains(c.name)) {
            ++changes.rejected;
            continue;
        }
        seenCounters.insert(c.name);
        latest.bind(1, deviceId).bind(2, c.name);
        std::optional<std::int64_t> previous;
        if (latest.step()) {
            previous = latest.int64(0);
        }
        latest.reset();
        if (previous && *previous == c.value) {
            continue;
        }
        insert.bind(1, deviceId).bind(2, c.name).bind(3, at).bind(4, c.value);
        if (!previous) {
            insert.bindNull(5).bind(6, 0);
        } else if (c.value < *previous) {
            insert.bindNull(5).bind(6, 1);
            ++changes.resets;
        } else {
            const std::int64_t usage = c.value - *previous;
            insert.bind(5, usage).bind(6, 0);
            changes.usage += usage;
        }
        insert.run();
        upsert.bind(1, deviceId).bind(2, c.name).bind(3, c.value).bind(4, at);
        upsert.run();
    }

    Statement supplyLatest(m_db, "SELECT level, max_capacity FROM supply_latest WHERE device_id = ?1 AND supply = ?2");
    Statement supplyInsert(m_db, "INSERT INTO supply_levels(device_id, supply, description, read_at, level, "
                                 "max_capacity) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    Statement supplyUpsert(m_db, "INSERT INTO supply_latest(device_id, supply, level, max_capacity, read_at) "
                                 "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(device_id, supply) DO UPDATE SET "
                                 "level = excluded.level, max_capacity = excluded.max_capacity, "
                                 "read_at = excluded.read_at");
    QSet<QString> seenSupplies;
    index = 0;
    for (const SupplyLevel &s : result.supplies) {
        if (index++ >= CountersResult::kMaxSupplies || !isValidSupply(s) || seenSupplies.contains(s.name)) {
            ++changes.rejected;
            continue;
        }
        seenSupplies.insert(s.name);
        supplyLatest.bind(1, deviceId).bind(2, s.name);
        bool same = false;
        bool known = false;
        if (supplyLatest.step()) {
            known = true;
            same = supplyLatest.int64(0) == s.level && supplyLatest.int64(1) == s.maxCapacity;
        }
        supplyLatest.reset();
        if (same) {
            continue;
        }
        const QString description = cleanText(s.description, 128);
        supplyInsert.bind(1, deviceId).bind(2, s.name);
        if (description.isEmpty()) {
            supplyInsert.bindNull(3);
        } else {
            supplyInsert.bind(3, description);
        }
        supplyInsert.bind(4, at).bind(5, s.level).bind(6, s.maxCapacity);
        supplyInsert.run();
        supplyUpsert.bind(1, deviceId).bind(2, s.name).bind(3, s.level).bind(4, s.maxCapacity).bind(5, at);
        supplyUpsert.run();
        if (known) {
            ++changes.supplyChanges;
        }
    }
    tx.commit();
    return changes;
}

TelemetryStore::PruneStep TelemetryStore::pruneStep(const Retention &retention, qint64 now, int batchRows)
{
    constexpr qint64 kDay = 86400;
    const int batch = std::max(1, batchRows);
    struct Target {
        const char *sql;
        int days;
    };
    // Each statement deletes at most ?2 rows older than ?1. The newest status
    // row of a device is kept whatever its age: it is the current status.
    const Target targets[] = {
        {"DELETE FROM counter_readings WHERE id IN (SELECT id FROM counter_readings WHERE read_at < ?1 LIMIT ?2)",
         retention.counterDays},
        {"DELETE FROM supply_levels WHERE id IN (SELECT id FROM supply_levels WHERE read_at < ?1 LIMIT ?2)",
         retention.supplyDays},
        {"DELETE FROM device_status_events WHERE id IN (SELECT s.id FROM device_status_events s WHERE s.at < ?1 "
         "AND EXISTS (SELECT 1 FROM device_status_events n WHERE n.device_id = s.device_id AND n.id > s.id) "
         "LIMIT ?2)",
         retention.statusDays},
        {"DELETE FROM device_alerts WHERE id IN (SELECT id FROM device_alerts WHERE cleared_at IS NOT NULL AND "
         "cleared_at < ?1 LIMIT ?2)",
         retention.clearedAlertDays},
    };
    for (const Target &t : targets) {
        if (t.days <= 0) {
            continue; // 0 keeps forever
        }
        Transaction tx(m_db);
        Statement st(m_db, t.sql);
        st.bind(1, now - static_cast<qint64>(t.days) * kDay).bind(2, batch);
        st.run();
        const int deleted = m_db.changes();
        tx.commit();
        if (deleted > 0) {
            return PruneStep{deleted, true};
        }
    }
    return PruneStep{0, false};
}

} // namespace netgateway::core::polling
