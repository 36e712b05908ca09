#pragma once

#include <netgateway/core/Clock.h>
#include <netgateway/core/discovery/DiscoverySettings.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace netgateway::storage {
class Database;
}

namespace netgateway::core::discovery {

// What one discovery run learnt about one device at one address.
struct DeviceObservation {
    QString address;      // where it answered
    QString serialNumber; // preferred physical key
    QString macAddress;   // second physical key
    QString manufacturer;
    QString model;
    QStringList via;                       // "snmp", "wsd"
    qint64 settingId = 0;                  // discovery setting that found it; 0 for none
    std::optional<int> credentialPosition; // which credential of that setting answered
};

struct DeviceRecord {
    qint64 id = 0;
    QString serialNumber;
    QString macAddress;
    QString address;
    QString previousAddress;
    QString manufacturer;
    QString model;
    QString state; // "managed" or "pending"
    QStringList via;
    qint64 foundBy = 0;
    qint64 credentialSetting = 0;
    int credentialPosition = -1;
    qint64 firstSeen = 0;
    qint64 lastSeen = 0;
    int missedPolls = 0;
};

// The inventory: one record per physical device, identified by its serial
// number and else its MAC address, never by its address. A device seen at a
// new address is moved (same id, so its history, priority and state stay
// attached); a device found by several overlapping settings is one record.
class InventoryRepository {
public:
    enum class Outcome { New, Moved, Seen };
    struct UpsertResult {
        qint64 id = 0;
        Outcome outcome = Outcome::New;
        QString previousAddress; // set when Moved
    };

    InventoryRepository(storage::Database &db, Clock &clock);

    // Records an observation in one transaction. A new device gets the state
    // that `registration` says; a known one keeps its state. Throws
    // DiscoveryError for an observation without a valid address.
    UpsertResult upsert(const DeviceObservation &observation, Registration registration);

    [[nodiscard]] std::optional<DeviceRecord> find(qint64 id);
    [[nodiscard]] std::optional<DeviceRecord> findByPhysicalKey(const QString &serialNumber, const QString &mac);
    [[nodiscard]] QList<DeviceRecord> list();

    // Counts a poll without answer; returns the new count. The poller compares
    // it with DeviceRecoverySettings::missedPolls to start a recovery search.
    int recordMissedPoll(qint64 id);
    // The device answered (or a search for it ended): the count starts again.
    void clearMissedPolls(qint64 id);

    // Canonical forms; empty when the value cannot identify a device (blank,
    // placeholder, all-zero or broadcast MAC).
    static QString normalizeSerial(const QString &serial);
    static QString normalizeMac(const QString &mac);

    // Gives every device without one its address sort key (rows from before
    // the key existed, or written by other means). Returns how many.
    static int fillAddressKeys(storage::Database &db);

private:
    std::optional<DeviceRecord> lookup(const QString &serial, const QString &mac, const QString &address);
    void storeAddressKey(qint64 id, const QString &address);
    storage::Database &m_db;
    Clock &m_clock;
};

} // namespace netgateway::core::discovery
