#pragma once

#include "FleetsimProcess.h"
#include "ManualClock.h"
#include "TempDataDir.h"

#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/GatewayService.h>
#include <netgateway/core/discovery/AuditSink.h>
#include <netgateway/core/discovery/DiscoveryRepository.h>
#include <netgateway/core/discovery/Inventory.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>

#include <QJsonDocument>
#include <QSet>
#include <QTcpServer>

namespace netgateway::test {

// What the fault tests share: a data directory that a discovery run against
// fleetsim would have left behind (one setting with an SNMPv3 credential in
// the vault, `devices` managed printers in the inventory), and small readers
// of the daemon's database and control socket.
namespace faults {

inline const QString kV3User = QStringLiteral("gw:SHA-256:gw-auth-pass:AES-128:gw-priv-pass");

class SilentAudit final : public core::AuditSink {
public:
    void record(const QString &, const QString &, const QJsonObject &) override {}
};

// Returns the discovery setting's id.
inline qint64 prepareDataDirectory(const QString &dataDir, const FleetsimProcess &sim, int devices)
{
    ManualClock clock;
    SilentAudit audit;
    auto db = storage::Database::open(core::GatewayService::databasePath(dataDir));
    storage::Migrations::apply(*db);
    storage::FileKeyStore keys(core::GatewayService::keyFilePath(dataDir));
    storage::SecretVault vault(*db, keys);
    core::discovery::DiscoverySettings setting;
    setting.name = QStringLiteral("lab");
    setting.targets = {QStringLiteral("%1-%2").arg(sim.address(0), sim.address(devices - 1))};
    core::discovery::Credential v3;
    v3.version = core::discovery::Credential::Version::V3;
    v3.user = QStringLiteral("gw");
    v3.auth = core::discovery::Credential::AuthProtocol::SHA256;
    v3.authPassphrase = QStringLiteral("gw-auth-pass");
    v3.priv = core::discovery::Credential::PrivProtocol::AES128;
    v3.privPassphrase = QStringLiteral("gw-priv-pass");
    setting.credentials = {v3};
    setting.registration = core::discovery::Registration::Managed;
    const qint64 settingId = core::discovery::DiscoveryRepository(*db, vault, clock, audit).add(setting);
    for (int i = 0; i < devices; ++i) {
        core::discovery::DeviceObservation seen;
        seen.address = sim.address(i);
        seen.serialNumber = QStringLiteral("FLT%1").arg(i, 4, 10, QLatin1Char('0'));
        seen.via = {QStringLiteral("snmp")};
        seen.settingId = settingId;
        seen.credentialPosition = 0;
        core::discovery::InventoryRepository(*db, clock).upsert(seen, core::discovery::Registration::Managed);
    }
    return settingId;
}

// --ui-port and --relay-port on free loopback ports, so the daemon's console
// and relay never collide with another test's.
inline QStringList freePortArguments()
{
    const auto freePort = [] {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return QString::number(probe.serverPort());
    };
    return {QStringLiteral("--ui-port"), freePort(), QStringLiteral("--relay-port"), freePort()};
}

inline QJsonObject call(const QString &dataDir, const QJsonObject &request, int timeoutMs = 5000)
{
    core::ControlClient client(dataDir);
    QJsonObject response;
    QString error;
    if (!client.call(request, response, error, timeoutMs)) {
        return QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("error"), error}};
    }
    return response;
}

inline QSet<QString> outboxKeys(storage::Database &db)
{
    QSet<QString> keys;
    storage::Statement st(db, "SELECT idempotency_key FROM uplink_outbox");
    while (st.step()) {
        keys.insert(st.text(0));
    }
    return keys;
}

inline qint64 count(storage::Database &db, const char *sql)
{
    storage::Statement st(db, sql);
    return st.step() ? st.int64(0) : -1;
}

} // namespace faults
} // namespace netgateway::test
