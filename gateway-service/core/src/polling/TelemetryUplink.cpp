#include <netgateway/core/polling/TelemetryUplink.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/Outbox.h>

#include <QJsonArray>
#include <QJsonDocument>

namespace netgateway::core::polling {

namespace {

QString iso(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODate);
}

QString severityName(AlertSeverity s)
{
    switch (s) {
    case AlertSeverity::Critical:
        return QStringLiteral("critical");
    case AlertSeverity::Warning:
        return QStringLiteral("warning");
    case AlertSeverity::Other:
        break;
    }
    return QStringLiteral("info");
}

AlertSeverity severityFromDb(const QString &s)
{
    if (s == QLatin1String("critical")) {
        return AlertSeverity::Critical;
    }
    return s == QLatin1String("warning") ? AlertSeverity::Warning : AlertSeverity::Other;
}

} // namespace

TelemetryUplink::TelemetryUplink(DeviceReader &inner, storage::Database &db, storage::Outbox &outbox, Clock &clock)
    : m_inner(inner), m_db(db), m_outbox(outbox), m_clock(clock)
{
}

void TelemetryUplink::readStatus(const DeviceTarget &target, StatusDone done)
{
    m_inner.readStatus(target, std::move(done));
}

void TelemetryUplink::walkAlertTable(const DeviceTarget &target, AlertTableDone done)
{
    m_inner.walkAlertTable(target, [this, target, done](AlertTableResult result) {
        if (result.outcome == ReadOutcome::Ok) {
            onAlerts(target, result);
        }
        done(std::move(result));
    });
}

void TelemetryUplink::readCounters(const DeviceTarget &target, CountersDone done)
{
    m_inner.readCounters(target, [this, target, done](CountersResult result) {
        if (result.outcome == ReadOutcome::Ok) {
            onCounters(target, result);
        }
        done(std::move(result));
    });
}

void TelemetryUplink::cancelAll()
{
    m_inner.cancelAll();
}

std::optional<TelemetryUplink::DeviceIdentity> TelemetryUplink::identity(const DeviceTarget &target)
{
    storage::Statement st(m_db, "SELECT serial_number, mac_address, manufacturer, model FROM devices WHERE id = ?1");
    st.bind(1, target.deviceId);
    if (!st.step()) {
        return std::nullopt;
    }
    DeviceIdentity id;
    const QString serial = st.text(0);
    const QString mac = st.text(1);
    id.key = (serial.isEmpty() ? mac : serial).left(128);
    if (id.key.isEmpty()) {
        return std::nullopt; // the cloud cannot place it
    }
    const auto put = [&id](const char *key, const QString &value, int max) {
        if (!value.isEmpty()) {
            id.json.insert(QLatin1String(key), value.left(max));
        }
    };
    put("serialNumber", serial, 128);
    put("macAddress", mac, 32);
    put("manufacturer", st.text(2), 128);
    put("model", st.text(3), 128);
    put("ipAddress", target.address, 64);
    return id;
}

QJsonObject TelemetryUplink::countersPayload(const QJsonObject &device, const CountersResult &result,
                                             const QDateTime &at)
{
    QJsonObject counters;
    for (const CounterValue &c : result.counters) {
        if (c.value >= 0) {
            counters.insert(c.name, static_cast<qint64>(c.value));
        }
    }
    return QJsonObject{{QStringLiteral("device"), device},
                       {QStringLiteral("polledAt"), iso(at)},
                       {QStringLiteral("counters"), counters}};
}

QJsonObject TelemetryUplink::consumablesPayload(const QJsonObject &device, const CountersResult &result,
                                                const QDateTime &at)
{
    QJsonArray supplies;
    for (const SupplyLevel &s : result.supplies) {
        if (supplies.size() >= 64) {
            break;
        }
        // "toner.black" -> type "toner", color "black"
        const qsizetype dot = s.name.indexOf(QLatin1Char('.'));
        QJsonObject item{{QStringLiteral("type"), (dot < 0 ? s.name : s.name.left(dot)).left(64)},
                         {QStringLiteral("level"), s.level}};
        if (dot >= 0 && dot + 1 < s.name.size()) {
            item.insert(QStringLiteral("color"), s.name.mid(dot + 1).left(32));
        }
        if (s.maxCapacity > 0) {
            item.insert(QStringLiteral("max"), s.maxCapacity);
        }
        supplies.append(item);
    }
    return QJsonObject{{QStringLiteral("device"), device},
                       {QStringLiteral("polledAt"), iso(at)},
                       {QStringLiteral("supplies"), supplies}};
}

QJsonObject TelemetryUplink::alertPayload(const QJsonObject &device, const AlertEntry &alert, const QDateTime &at,
                                          bool cleared)
{
    return QJsonObject{{QStringLiteral("device"), device},
                       {QStringLiteral("severity"), severityName(alert.severity)},
                       {QStringLiteral("code"), QString::number(alert.code)},
                       {QStringLiteral("description"), alert.description.left(2048)},
                       {QStringLiteral("raisedAt"), iso(at)},
                       {QStringLiteral("cleared"), cleared}};
}

void TelemetryUplink::onCounters(const DeviceTarget &target, const CountersResult &result)
{
    try {
        const auto id = identity(target);
        if (!id) {
            return;
        }
        const QDateTime now = m_clock.nowUtc();
        QList<storage::Outbox::NewRecord> records;
        if (!result.counters.empty()) {
            records.append({storage::OutboxKind::Counters, id->key,
                            QJsonDocument(countersPayload(id->json, result, now)).toJson(QJsonDocument::Compact),
                            now.toSecsSinceEpoch()});
        }
        if (!result.supplies.empty()) {
            records.append({storage::OutboxKind::Consumables, id->key,
                            QJsonDocument(consumablesPayload(id->json, result, now)).toJson(QJsonDocument::Compact),
                            now.toSecsSinceEpoch()});
        }
        if (!records.isEmpty()) {
            m_outbox.enqueueAll(records);
            m_counts.counters += result.counters.empty() ? 0 : 1;
            m_counts.consumables += result.supplies.empty() ? 0 : 1;
        }
    } catch (const storage::StorageError &e) {
        ++m_counts.notQueued;
        qWarning("counters of device %lld were not queued for the cloud: %s", static_cast<long long>(target.deviceId),
                 qPrintable(e.message()));
    }
}

std::map<QString, AlertEntry> &TelemetryUplink::knownAlerts(std::int64_t deviceId)
{
    auto it = m_alerts.find(deviceId);
    if (it != m_alerts.end()) {
        return it->second;
    }
    std::map<QString, AlertEntry> open;
    storage::Statement st(m_db, "SELECT alert_key, severity, code, description FROM device_alerts "
                                "WHERE device_id = ?1 AND cleared_at IS NULL");
    st.bind(1, deviceId);
    while (st.step()) {
        AlertEntry e;
        e.key = st.text(0);
        e.severity = severityFromDb(st.text(1));
        e.code = st.int64(2);
        e.description = st.text(3);
        open.emplace(e.key, e);
    }
    return m_alerts.emplace(deviceId, std::move(open)).first->second;
}

void TelemetryUplink::onAlerts(const DeviceTarget &target, const AlertTableResult &result)
{
    try {
        std::map<QString, AlertEntry> &known = knownAlerts(target.deviceId);
        std::map<QString, AlertEntry> now;
        for (const AlertEntry &a : result.alerts) {
            now.emplace(a.key, a);
        }
        const auto id = identity(target);
        const QDateTime at = m_clock.nowUtc();
        QList<storage::Outbox::NewRecord> records;
        if (id) {
            const auto add = [&](const AlertEntry &a, bool cleared) {
                records.append({storage::OutboxKind::Alert, id->key,
                                QJsonDocument(alertPayload(id->json, a, at, cleared)).toJson(QJsonDocument::Compact),
                                at.toSecsSinceEpoch()});
            };
            for (const auto &[key, a] : now) {
                if (known.find(key) == known.end()) {
                    add(a, false);
                }
            }
            for (const auto &[key, a] : known) {
                if (now.find(key) == now.end()) {
                    add(a, true);
                }
            }
        }
        if (!records.isEmpty()) {
            m_outbox.enqueueAll(records);
            m_counts.alerts += static_cast<std::uint64_t>(records.size());
        }
        known = std::move(now);
    } catch (const storage::StorageError &e) {
        ++m_counts.notQueued;
        qWarning("alerts of device %lld were not queued for the cloud: %s", static_cast<long long>(target.deviceId),
                 qPrintable(e.message()));
    }
}

} // namespace netgateway::core::polling
