#pragma once

#include <netgateway/core/Clock.h>
#include <netgateway/core/polling/DeviceReader.h>
#include <netgateway/snmp/SnmpEngine.h>
#include <netgateway/snmp/VendorProfile.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace netgateway::storage {
class Database;
class SecretVault;
} // namespace netgateway::storage

namespace netgateway::core {
class AuditSink;
} // namespace netgateway::core

namespace netgateway::core::polling {

// Lets the SNMP engine run on the service's Clock (a ManualClock in tests).
class ClockTimeSource final : public snmp::TimeSource {
public:
    explicit ClockTimeSource(const Clock &clock) : m_clock(clock) {}
    // Real time: SNMP timeouts and retries are network time whatever the clock's speed.
    [[nodiscard]] qint64 nowMs() const override { return m_clock.timerDelay(m_clock.monotonic()).count(); }

private:
    const Clock &m_clock;
};

// Where the reader gets a device's SNMP credentials. Returns nothing (with
// `why`, never containing a secret) when the device has none usable.
class CredentialSource {
public:
    virtual ~CredentialSource() = default;
    virtual std::optional<snmp::Credentials> credentials(std::int64_t deviceId, QString &why) = 0;
    // The device's credentials were refused: forget any cached copy.
    virtual void invalidate(std::int64_t deviceId) = 0;
};

// Credentials of the discovery setting and credential position the inventory
// remembers for each device, read with their secrets from the vault once and
// cached in memory (never logged).
class InventoryCredentialSource final : public CredentialSource {
public:
    InventoryCredentialSource(storage::Database &db, storage::SecretVault &vault, Clock &clock, AuditSink &audit);
    ~InventoryCredentialSource() override;
    std::optional<snmp::Credentials> credentials(std::int64_t deviceId, QString &why) override;
    void invalidate(std::int64_t deviceId) override;

private:
    storage::Database &m_db;
    storage::SecretVault &m_vault;
    Clock &m_clock;
    AuditSink &m_audit;
    std::unordered_map<std::int64_t, snmp::Credentials> m_cache;
};

struct SnmpReaderOptions {
    quint16 port = 161;
    int timeoutMs = 2000;
    int retries = 1;
};

// polling::DeviceReader on the SNMP engine.
//  - readStatus: ONE GET of sysUpTime, hrDeviceStatus, hrPrinterStatus,
//    hrPrinterDetectedErrorState, prtAlertCriticalEvents and
//    prtAlertAllEvents. The alert marker combines the event counters, the
//    device status and error bits (a cleared alert changes those, not the
//    event counters) and a reboot generation bumped whenever sysUpTime goes
//    backwards (a reboot or a swap restarts the counters). An SNMPv1 agent
//    refuses a whole GET with noSuchName for one object it does not have
//    (many older printers lack the prtAlert event counters): that object is
//    left out of this device's status reads from then on, and the read is
//    sent again at once.
//  - walkAlertTable: one walk of prtAlertTable.
//  - readCounters: PrinterReader (marker life count, vendor counters,
//    supplies).
class SnmpDeviceReader final : public DeviceReader {
public:
    SnmpDeviceReader(snmp::SnmpEngine &engine, CredentialSource &credentials, SnmpReaderOptions options = {},
                     const snmp::ProfileRegistry &profiles = snmp::ProfileRegistry::builtIn());
    ~SnmpDeviceReader() override;

    void readStatus(const DeviceTarget &target, StatusDone done) override;
    void walkAlertTable(const DeviceTarget &target, AlertTableDone done) override;
    void readCounters(const DeviceTarget &target, CountersDone done) override;
    void cancelAll() override;

    // Maps an engine outcome to the scheduler's.
    static ReadOutcome mapOutcome(snmp::Outcome outcome);

private:
    struct Prepared {
        std::optional<snmp::Target> target;
        ReadOutcome failure = ReadOutcome::Unreachable;
        QString why;
    };
    Prepared prepare(const DeviceTarget &target);
    std::uint64_t begin();
    bool finish(std::uint64_t token); // false when cancelled
    void noteOutcome(std::int64_t deviceId, ReadOutcome outcome);
    void statusGet(std::uint64_t token, std::int64_t deviceId, const snmp::Target &target, StatusDone done);

    snmp::SnmpEngine &m_engine;
    CredentialSource &m_credentials;
    SnmpReaderOptions m_options;
    const snmp::ProfileRegistry &m_profiles;
    struct DeviceState {
        quint64 lastUpTime = 0;
        bool upTimeKnown = false;
        quint32 bootGeneration = 0;
        quint8 missingStatusObjects = 0; // bit i: status object i answered noSuchName
    };
    std::unordered_map<std::int64_t, DeviceState> m_devices;
    std::unordered_set<std::uint64_t> m_live;
    std::unordered_map<std::uint64_t, quint64> m_engineRequests; // token -> engine request id
    std::uint64_t m_nextToken = 0;
    std::shared_ptr<int> m_alive;
};

// The SNMP polling parts the service owns: the engine on the service's
// clock, the inventory's credentials and the reader. Build it after the
// scheduler and destroy it after the scheduler.
class SnmpPolling {
public:
    SnmpPolling(storage::Database &db, storage::SecretVault &vault, Clock &clock, AuditSink &audit,
                SnmpReaderOptions options = {});
    ~SnmpPolling();
    // Opens the engine's sockets; false with a message when it cannot.
    bool start(QString &error);
    [[nodiscard]] SnmpDeviceReader &reader() { return *m_reader; }
    [[nodiscard]] snmp::SnmpEngine &engine() { return *m_engine; }
    [[nodiscard]] CredentialSource &credentials() { return m_credentials; }
    // The port from NETGATEWAY_SNMP_PORT (for test fleets on loopback), else 161.
    static quint16 portFromEnvironment();

private:
    ClockTimeSource m_time;
    std::unique_ptr<snmp::SnmpEngine> m_engine;
    InventoryCredentialSource m_credentials;
    std::unique_ptr<SnmpDeviceReader> m_reader;
};

} // namespace netgateway::core::polling
