#pragma once

#include <netgateway/core/Clock.h>
#include <netgateway/core/polling/DeviceReader.h>

#include <QJsonObject>
#include <QList>

#include <cstdint>
#include <map>
#include <unordered_map>

namespace netgateway::storage {
class Database;
class Outbox;
} // namespace netgateway::storage

namespace netgateway::core::polling {

// Sends polled telemetry to the cloud: a DeviceReader in front of the real
// one that, for every successful counter read, enqueues one "counters" and
// one "consumables" record, and for every alert-table walk one "alert" record
// per alert raised or cleared since the previous walk (the open alerts in the
// database are the starting point, so a restart resends nothing), each batch
// in one enqueueAll(). Payloads follow docs/cloud-protocol/
// upload-request.schema.json; the device's address goes under
// data.device.ipAddress, which anonymous mode strips. Results pass on to the
// scheduler unchanged. A failing outbox is logged and never stops polling.
class TelemetryUplink final : public DeviceReader {
public:
    TelemetryUplink(DeviceReader &inner, storage::Database &db, storage::Outbox &outbox, Clock &clock);

    void readStatus(const DeviceTarget &target, StatusDone done) override;
    void walkAlertTable(const DeviceTarget &target, AlertTableDone done) override;
    void readCounters(const DeviceTarget &target, CountersDone done) override;
    void cancelAll() override;

    // Records queued for the cloud since start (the soak compares them with
    // what the cloud received).
    struct Counts {
        std::uint64_t counters = 0;
        std::uint64_t consumables = 0;
        std::uint64_t alerts = 0;
        std::uint64_t notQueued = 0; // batches the outbox refused (logged)
    };
    [[nodiscard]] const Counts &counts() const { return m_counts; }

    // Builds the payloads (also used by tests).
    static QJsonObject countersPayload(const QJsonObject &device, const CountersResult &result, const QDateTime &at);
    static QJsonObject consumablesPayload(const QJsonObject &device, const CountersResult &result, const QDateTime &at);
    static QJsonObject alertPayload(const QJsonObject &device, const AlertEntry &alert, const QDateTime &at,
                                    bool cleared);

private:
    struct DeviceIdentity {
        QString key; // serial number, else MAC
        QJsonObject json;
    };
    std::optional<DeviceIdentity> identity(const DeviceTarget &target);
    void onCounters(const DeviceTarget &target, const CountersResult &result);
    void onAlerts(const DeviceTarget &target, const AlertTableResult &result);
    std::map<QString, AlertEntry> &knownAlerts(std::int64_t deviceId);

    DeviceReader &m_inner;
    storage::Database &m_db;
    storage::Outbox &m_outbox;
    Clock &m_clock;
    std::unordered_map<std::int64_t, std::map<QString, AlertEntry>> m_alerts;
    Counts m_counts;
};

} // namespace netgateway::core::polling
