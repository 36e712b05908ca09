#pragma once

#include <netgateway/snmp/Value.h>

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace netgateway::snmp {

class VendorProfile;

// A problem with one field; the rest of the model is still filled in.
struct FieldError {
    QString field;   // e.g. "serialNumber", "supplies[1.2].level", "alerts"
    QString oid;     // the offending OID when there is one
    QString message; // what is wrong, in plain words
};

// One row of prtMarkerSuppliesTable.
struct Supply {
    QString index; // "<hrDeviceIndex>.<prtMarkerSuppliesIndex>"
    QString description;
    int type = 2;               // PrtMarkerSuppliesTypeTC (2 = unknown)
    QString typeName;           // "toner", "wasteToner", ...
    QString supplyClass;        // "consumed", "receptacle" or "other"
    QString unit;               // "percent", "impressions", ...
    qint64 maxCapacity = -2;    // -1 other / no restriction, -2 unknown
    qint64 level = -2;          // -1 other, -2 unknown, -3 some remaining
    std::optional<int> percent; // only when it means something; 0..100
    QString state;              // "ok", "empty", "full", "someRemaining", "unknown", "other", "invalid"
    QString colorant;           // from prtMarkerColorantValue, e.g. "black"
};

// One row of prtInputTable.
struct Tray {
    QString index;
    QString name;
    QString description;
    QString mediaName;
    qint64 maxCapacity = -2;
    qint64 currentLevel = -2;
    QString state;  // "ok", "empty", "someRemaining", "unknown", "other"
    int status = 0; // PrtSubUnitStatusTC bits
};

// One row of prtAlertTable.
struct Alert {
    QString index;
    QString severity; // "critical", "warning", "warningBinaryChangeEvent", "other"
    QString trainingLevel;
    QString group;
    int groupIndex = 0;
    int location = 0;
    int code = 0;
    QString codeName;
    QString description;
    quint32 time = 0; // sysUpTime ticks when raised
};

struct AlertChanges {
    QList<Alert> raised;
    QList<Alert> cleared;
};
// Alerts are the same when index, code, group and location match.
AlertChanges diffAlerts(const QList<Alert> &before, const QList<Alert> &after);

struct PrinterModel {
    // identity
    QString sysDescr;
    QString sysObjectId;
    quint32 enterprise = 0;
    QString manufacturer;
    QString model;
    QString serialNumber;
    QString macAddress; // "00:17:C8:11:22:33"
    QString sysName;
    QString location;
    QString firmware;
    QString profile; // the vendor profile used

    // status
    std::optional<int> hrDeviceStatus;  // unknown(1) running(2) warning(3) testing(4) down(5)
    std::optional<int> hrPrinterStatus; // other(1) unknown(2) idle(3) printing(4) warmup(5)
    QString status; // idle, printing, warmup, sleeping, warning, testing, offline, down, unknown, unreachable
    QStringList errorStates;

    // counters
    std::optional<quint64> totalCount; // prtMarkerLifeCount of the first marker (or the profile's "total")
    QString totalUnit;                 // prtMarkerCounterUnit, e.g. "impressions"
    QMap<QString, quint64> counters;   // per-function counters from the vendor profile

    QList<Supply> supplies;
    QList<Tray> trays;
    QList<Alert> alerts;
    std::optional<quint32> configChanges; // prtGeneralConfigChanges
    std::optional<quint32> alertEvents;   // prtAlertAllEvents

    QList<FieldError> errors;
};

// The bit names of hrPrinterDetectedErrorState in bit order (bit 0 is the most
// significant bit of the first octet), as RFC 3805 extends RFC 2790.
const QStringList &errorStateNames();
// Decodes the octet string; bits beyond the known ones are ignored.
QStringList decodeErrorState(const QByteArray &bits);

// Pure mapping from values read off a device to the normalized model. Never
// throws and never trusts the input: wrong types, missing columns, huge or
// non-UTF-8 strings and negative counters become FieldErrors. profile may be
// nullptr (plain Printer-MIB).
PrinterModel mapPrinter(const ValueMap &values, const VendorProfile *profile);

// The JSON form netgatewayctl probe prints (without address/port/snmpVersion).
QJsonObject toJson(const PrinterModel &model);

// Manufacturer name for an IANA private enterprise number, or empty.
QString manufacturerForEnterprise(quint32 enterprise);

} // namespace netgateway::snmp
