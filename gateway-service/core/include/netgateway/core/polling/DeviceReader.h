#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <functional>
#include <vector>

namespace netgateway::core::polling {

// What the scheduler asks a device reader to talk to. Credentials are the
// reader's business: it looks them up by deviceId (in the SecretVault).
struct DeviceTarget {
    std::int64_t deviceId = 0; // devices.id
    QString address;           // host or IP literal, as stored in devices.address
};

// How a read ended. Only Ok carries data.
enum class ReadOutcome {
    Ok,
    Timeout,     // no answer within the reader's timeout (after its retries)
    Unreachable, // the network says no (ICMP unreachable, no route, socket error)
    AuthFailure, // SNMPv3 authentication/privacy failure or wrong community
    Malformed,   // an answer arrived but could not be used (wrong types, out of bounds)
};

// Power/availability state the device reports on a successful status read.
enum class DevicePowerState { Online, Sleeping };

// Result of the cheap alert poll: one request for device status plus the
// alert-table change markers.
struct StatusResult {
    ReadOutcome outcome = ReadOutcome::Timeout;
    DevicePowerState power = DevicePowerState::Online;
    // Opaque marker that changes whenever the device's alert table changes
    // (for a printer: prtAlertAllEvents / prtAlertCriticalEvents plus
    // sysUpTime or a boot counter, so a reboot also changes it). The
    // scheduler only compares markers for equality. At most kMaxMarkerBytes.
    QByteArray alertMarker;
    QString detail; // for logs and status rows; never contains a secret
    static constexpr qsizetype kMaxMarkerBytes = 256;
};

enum class AlertSeverity { Other, Warning, Critical };

// One row of the device's alert table.
struct AlertEntry {
    // Stable identity of the alert on the device while it is active, e.g.
    // "<prtAlertIndex>:<prtAlertCode>". A cleared and re-raised alert may
    // reuse it. At most kMaxKeyBytes UTF-8 bytes.
    QString key;
    AlertSeverity severity = AlertSeverity::Other;
    std::int64_t code = 0; // prtAlertCode or the vendor's code
    QString description;   // at most kMaxDescriptionChars characters
    static constexpr qsizetype kMaxKeyBytes = 128;
    static constexpr qsizetype kMaxDescriptionChars = 512;
};

struct AlertTableResult {
    ReadOutcome outcome = ReadOutcome::Timeout;
    std::vector<AlertEntry> alerts; // the complete active table; at most kMaxAlerts
    QString detail;
    static constexpr std::size_t kMaxAlerts = 256;
};

// A monotonic usage counter, e.g. "total", "print.color", "copy.mono",
// "scan", "fax". Values are absolute device counters, not deltas.
struct CounterValue {
    QString name;           // at most 64 characters, [A-Za-z0-9._-]
    std::int64_t value = 0; // >= 0
};

// One supply (toner, drum, waste box...). Level and maxCapacity follow the
// Printer MIB: maxCapacity > 0 and 0 <= level <= maxCapacity for a
// measurable level; level -3 "some remaining", -2 unknown, -1 other.
struct SupplyLevel {
    QString name;        // e.g. "toner.black"; at most 64 characters
    QString description; // at most 128 characters
    int level = -2;
    int maxCapacity = -2;
};

struct CountersResult {
    ReadOutcome outcome = ReadOutcome::Timeout;
    std::vector<CounterValue> counters; // at most kMaxCounters
    std::vector<SupplyLevel> supplies;  // at most kMaxSupplies
    QString detail;
    // Identity as read with the counters (sysName, sysLocation, firmware);
    // empty when the device did not say. Shown in the console's device list.
    QString name;
    QString location;
    QString firmware;
    static constexpr std::size_t kMaxCounters = 64;
    static constexpr std::size_t kMaxSupplies = 32;
};

// Device access for the poll scheduler. The SNMP engine implements it; tests
// use a fake.
//
// Contract:
//  - Every call is made on the thread that owns the scheduler and returns at
//    once; the reader completes the request asynchronously and invokes `done`
//    exactly once on that same thread, normally within its own timeout
//    (retries included). Invoking `done` from inside the call is tolerated.
//  - The scheduler has its own safety deadline: a request not completed by
//    then is counted as Timeout and a later `done` for it is ignored, so a
//    reader that loses a request cannot stall polling.
//  - The reader must not invoke `done` after cancelAll() returned or after
//    it is destroyed.
//  - Results are untrusted input: the scheduler validates sizes and ranges
//    again, but the reader should already drop what exceeds the documented
//    bounds and report Malformed.
class DeviceReader {
public:
    using StatusDone = std::function<void(StatusResult)>;
    using AlertTableDone = std::function<void(AlertTableResult)>;
    using CountersDone = std::function<void(CountersResult)>;

    virtual ~DeviceReader() = default;

    // Cheap alert poll: device status (online/sleeping) plus the alert
    // change markers, ideally in a single request.
    virtual void readStatus(const DeviceTarget &target, StatusDone done) = 0;
    // Walks the device's alert table; called only when the marker changed.
    virtual void walkAlertTable(const DeviceTarget &target, AlertTableDone done) = 0;
    // Reads the usage counters and supply levels.
    virtual void readCounters(const DeviceTarget &target, CountersDone done) = 0;
    // Drops every outstanding request without invoking its callback (used
    // when the scheduler stops).
    virtual void cancelAll() = 0;
};

} // namespace netgateway::core::polling
