#pragma once

#include <netgateway/core/discovery/DiscoverySettings.h>
#include <netgateway/core/discovery/Inventory.h>
#include <netgateway/core/discovery/Targets.h>
#include <netgateway/snmp/Credentials.h>

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

namespace netgateway::snmp {
class SnmpEngine;
struct Response;
} // namespace netgateway::snmp

namespace netgateway::core::discovery {

// The SNMP form of a stored credential (the same secrets, in memory only).
snmp::Credentials toSnmpCredentials(const Credential &credential);

struct SweepOptions {
    int probesPerSecond = 1000; // datagrams per second; 0 = unthrottled (bench only)
    int maxInFlight = 512;      // addresses probed at the same time
    int timeoutMs = 1000;
    int retries = 1; // only for addresses that have not answered yet
    quint16 port = 161;
};

// A printer or MFP a sweep identified.
struct SweepDevice {
    QString address;
    QString manufacturer;
    QString model;
    QString serialNumber;
    QString macAddress;
    QString sysObjectId;
    QString sysDescr;
    int credentialPosition = 0; // index into the credential list that answered
    QStringList via;            // "snmp", later also "wsd"
};

struct SweepProgress {
    std::uint64_t done = 0;
    std::uint64_t total = 0; // upper bound until the walk of the targets ends
    int found = 0;
};

struct SweepSummary {
    std::uint64_t scanned = 0;
    int found = 0;           // printers and MFPs
    int newDevices = 0;      // inventory: first seen
    int moved = 0;           // inventory: known device at a new address
    int unreachable = 0;     // no answer to any credential
    int nonPrinters = 0;     // SNMP hosts that are not printers
    QList<int> authFailures; // per credential position
    qint64 elapsedMs = 0;
    bool cancelled = false;
    QStringList unresolved; // host names that did not resolve
    QStringList errors;     // inventory errors, one line each
    // WS-Discovery part of the run (when the setting has it on).
    bool wsd = false;
    int wsdFound = 0;     // devices that answered a Probe inside the ranges
    int wsdConfirmed = 0; // of those, identified as printers over SNMP as well

    [[nodiscard]] int totalAuthFailures() const;
    // {"scanned", "found", "new", "moved", "unreachable", "nonPrinters",
    //  "authFailures": [..per credential..], "elapsedMs", "cancelled"
    //  [, "wsd": {"found", "confirmedBySnmp"}]}
    [[nodiscard]] QJsonObject toJson() const;
};

QJsonObject toJson(const SweepDevice &device);

// One SNMP discovery run over a stream of addresses. Every address gets a
// small GET (sysObjectID.0) with each credential in order until one answers;
// only addresses that stay silent are retried (the engine's retries), and
// only responders get the identification request. Authentication failures
// are counted per credential: SNMPv3 reports directly, a v1/v2c community
// that stayed silent on an address where a later credential answered as
// well. Printers (Printer-MIB present, hrDeviceType printer or a known
// printer sysObjectID) are kept and, when an inventory is set, upserted.
// Pacing and the in-flight bound keep a LAN undisturbed; the iterator is
// consumed as addresses complete, so memory does not grow with the range.
class SnmpSweep : public QObject {
    Q_OBJECT
public:
    SnmpSweep(TargetIterator targets, QList<snmp::Credentials> credentials, SweepOptions options = {},
              QObject *parent = nullptr);
    ~SnmpSweep() override;

    // Found devices are recorded in `inventory` (Managed or Pending as
    // `registration` says) under `settingId`.
    void setInventory(InventoryRepository *inventory, Registration registration, qint64 settingId);

    // Called for every printer before it is recorded, so another source
    // (WS-Discovery) can add what it knows about the same address.
    void setEnricher(std::function<void(SweepDevice &)> enrich) { m_enrich = std::move(enrich); }

    // Starts the run; false with a message when it cannot (no credential, a
    // credential that is unusable, no socket).
    bool start(QString *error = nullptr);
    // Stops sending; finished() follows with summary().cancelled set.
    void cancel();

    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] SweepProgress progressNow() const;
    [[nodiscard]] const SweepSummary &summary() const { return m_summary; }
    [[nodiscard]] const QList<SweepDevice> &devices() const { return m_devices; }

signals:
    void progress(const netgateway::core::discovery::SweepProgress &progress);
    void deviceFound(const netgateway::core::discovery::SweepDevice &device);
    void finished(const netgateway::core::discovery::SweepSummary &summary);

private:
    struct Slot {
        TargetAddress target;
        int credential = 0;
        quint64 request = 0;
        QList<int> silentCommunities; // v1/v2c positions that did not answer here
        bool alive = false;           // something answered (e.g. a v3 report)
    };

    void fill();
    void tryCredential(quint64 slotId);
    void onProbe(quint64 slotId, const snmp::Response &response);
    void identify(quint64 slotId, QList<int> columns);
    void onIdentify(quint64 slotId, QList<int> columns, const snmp::Response &response);
    void finishAddress(quint64 slotId);
    void record(SweepDevice device);
    void finishRun();
    void emitProgress();

    TargetIterator m_targets;
    QList<snmp::Credentials> m_credentials;
    SweepOptions m_options;
    InventoryRepository *m_inventory = nullptr;
    Registration m_registration = Registration::Pending;
    qint64 m_settingId = 0;
    std::function<void(SweepDevice &)> m_enrich;

    bool m_running = false;
    bool m_exhausted = false;
    bool m_cancelled = false;
    quint64 m_nextSlot = 1;
    std::unordered_map<quint64, Slot> m_slots;
    std::uint64_t m_done = 0;
    QElapsedTimer m_elapsed;
    QTimer m_progressTimer;
    SweepSummary m_summary;
    QList<SweepDevice> m_devices;
    std::unique_ptr<snmp::SnmpEngine> m_engine; // last: destroyed first
};

} // namespace netgateway::core::discovery
