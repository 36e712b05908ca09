#pragma once

#include <netgateway/snmp/PrinterModel.h>
#include <netgateway/snmp/SnmpEngine.h>
#include <netgateway/snmp/VendorProfile.h>

#include <QObject>

#include <functional>

namespace netgateway::snmp {

struct PrinterReadResult {
    // Ok when the device answered (the model may still carry field errors);
    // Timeout means unreachable (model.status is "unreachable"); security
    // failures come with the engine's plain message.
    Outcome outcome = Outcome::Ok;
    QString message;
    PrinterModel model;
    ValueMap values; // what was read, for diagnostics and change detection
};

// The I/O half of reading a printer: one GET of the scalars, then walks of the
// Printer-MIB / Host-Resources / IF-MIB tables and the vendor profile's OIDs,
// all in parallel on the engine, then mapPrinter(). When a previous result is
// given and prtGeneralConfigChanges and prtAlertAllEvents are unchanged, the
// alert table is not walked again.
class PrinterReader {
public:
    using Handler = std::function<void(PrinterReadResult)>;

    PrinterReader(SnmpEngine &engine, const ProfileRegistry &profiles);

    void read(const Target &target, Handler handler, const PrinterReadResult *previous = nullptr);

private:
    SnmpEngine &m_engine;
    const ProfileRegistry &m_profiles;
};

} // namespace netgateway::snmp
