#pragma once

#include <netgateway/core/polling/DeviceReader.h>
#include <netgateway/core/polling/PollingPolicy.h>

#include <QString>

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace netgateway::storage {
class Database;
} // namespace netgateway::storage

namespace netgateway::core::polling {

enum class DeviceStatus { Online, Sleeping, Offline, AuthFailure };
QString deviceStatusName(DeviceStatus s); // "online", "sleeping", "offline", "auth_failure"

// How long telemetry is kept, in days.
struct Retention {
    int counterDays = 400;
    int supplyDays = 400;
    int statusDays = 90;
    int clearedAlertDays = 400;
};

// Persistence of polling state and telemetry in the gateway database. All
// device input is validated here before it is stored: oversized or malformed
// items are dropped (and counted), never stored half-way.
class TelemetryStore {
public:
    explicit TelemetryStore(storage::Database &db);

    // --- activity ratings and pins (table device_activity)
    struct ActivityRow {
        std::int64_t deviceId = 0;
        QString address;
        double rating = 0.0;
        std::optional<Priority> pinned;
        qint64 addedAt = 0;
        QString lastEvent;
        qint64 lastEventAt = 0;
    };
    // Managed devices (devices.state = 'managed') with their activity; a
    // device without an activity row gets one with `newRating` at `now`.
    std::vector<ActivityRow> loadManagedDevices(double newRating, qint64 now);
    // Ensures one device's activity row exists; returns it. Throws
    // StorageError(NotFound) when the device does not exist.
    ActivityRow ensureActivity(std::int64_t deviceId, double newRating, qint64 now);
    struct RatingUpdate {
        std::int64_t deviceId = 0;
        double rating = 0.0;
        QString lastEvent;
        qint64 lastEventAt = 0;
    };
    void saveRatings(const std::vector<RatingUpdate> &updates); // one transaction
    void setPin(std::int64_t deviceId, std::optional<Priority> pinned);

    // --- settings (table settings)
    QString setting(const QString &key, const QString &fallback);
    void setSetting(const QString &key, const QString &value, qint64 now);

    // --- status transitions
    // Returns true when this is a transition (a row was written).
    bool recordStatus(std::int64_t deviceId, DeviceStatus status, qint64 at, const QString &detail);
    std::optional<DeviceStatus> lastStatus(std::int64_t deviceId);

    // --- alerts
    struct AlertChanges {
        int raised = 0;
        int updated = 0;
        int cleared = 0;
        int rejected = 0;    // entries dropped by validation
        QString firstRaised; // description of the first new alert, for "why"
    };
    // Reconciles the device's complete active alert table with the open
    // alerts in the database, in one transaction.
    AlertChanges applyAlertTable(std::int64_t deviceId, const std::vector<AlertEntry> &active, qint64 at);
    int openAlertCount(std::int64_t deviceId);

    // --- counters and supplies
    struct CounterChanges {
        std::int64_t usage = 0; // pages (all counters' increases summed)
        int resets = 0;
        int supplyChanges = 0;
        int rejected = 0;
    };
    // Stores changed counters (usage since the previous reading; a counter
    // that went backwards is stored as a reset) and changed supply levels,
    // in one transaction.
    CounterChanges recordCounters(std::int64_t deviceId, const CountersResult &result, qint64 at);

    // --- retention
    struct PruneStep {
        int deleted = 0;
        bool more = false; // call again
    };
    // Deletes at most `batchRows` expired rows from one table in one short
    // transaction, so a long prune never holds the database for long.
    PruneStep pruneStep(const Retention &retention, qint64 now, int batchRows);

private:
    storage::Database &m_db;
    std::unordered_map<std::int64_t, DeviceStatus> m_lastStatus;
};

} // namespace netgateway::core::polling
