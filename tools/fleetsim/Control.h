#pragma once

// Control interface: JSON commands (one object per line) that inspect the fleet,
// inject faults and script events. Served on a Unix socket; also usable from
// the command line (--exec) and directly from tests.

#include "Fleet.h"

#include <QJsonObject>
#include <QLocalServer>
#include <QObject>

namespace fleetsim {

// Executes one command and returns the reply ({"ok":true,...} or {"ok":false,"error":"..."}).
QJsonObject executeCommand(Fleet &fleet, const QJsonObject &command);

// Parses a device selector: index, "3", "0-99", "127.20.0.5", "127.20.0.1-127.20.0.9",
// "all", or an array of those. Returns false with `error` set when invalid.
bool selectDevices(Fleet &fleet, const QJsonValue &selector, std::vector<std::size_t> &out, QString &error);

// snmpd.conf "override" lines serving one device's current values from a real
// Net-SNMP agent (TimeTicks and Counter64 objects are left out: override has no
// such types). Used to compare fleetsim with snmpd on identical data.
std::vector<std::string> snmpdOverrides(Device &device);

class ControlServer : public QObject {
    Q_OBJECT
public:
    ControlServer(Fleet &fleet, QObject *parent = nullptr);
    bool listen(const QString &path, QString &error);

private:
    void onConnection();
    Fleet &m_fleet;
    QLocalServer m_server;
};

} // namespace fleetsim
