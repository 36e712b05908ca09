// fleetsim -> netgatewayd -> fleet-cloud-emulator: the real daemon polls a
// simulated printer it knows from its inventory (with the credential of the
// discovery setting that found it) and the cloud receives the counters,
// consumables and alerts with the device's values.
#include "DaemonProcess.h"
#include "EmulatorProcess.h"
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

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <csignal>

using namespace netgateway;
using namespace netgateway::test;

namespace {

class SilentAudit final : public core::AuditSink {
public:
    void record(const QString &, const QString &, const QJsonObject &) override {}
};

} // namespace

class TestPollingToCloud : public QObject {
    Q_OBJECT
private slots:
    void fleetsimCountersAndAlertsReachTheCloud()
    {
        FleetsimProcess sim;
        const QString started = sim.start(2, QStringLiteral("gw:SHA-256:gw-auth-pass:AES-128:gw-priv-pass"),
                                          {QStringLiteral("--no-dynamics")});
        QVERIFY2(started.isEmpty(), qPrintable(started));

        // The data directory a discovery run would leave behind: a setting with
        // its credential in the vault and a managed device in the inventory.
        TempDataDir dataDir;
        {
            ManualClock clock;
            SilentAudit audit;
            auto db = storage::Database::open(core::GatewayService::databasePath(dataDir.path()));
            storage::Migrations::apply(*db);
            storage::FileKeyStore keys(core::GatewayService::keyFilePath(dataDir.path()));
            storage::SecretVault vault(*db, keys);
            core::discovery::DiscoverySettings setting;
            setting.name = QStringLiteral("lab");
            setting.targets = {sim.address(0)};
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
            core::discovery::DeviceObservation seen;
            seen.address = sim.address(0);
            seen.serialNumber = QStringLiteral("E2E0001");
            seen.via = {QStringLiteral("snmp")};
            seen.settingId = settingId;
            seen.credentialPosition = 0;
            core::discovery::InventoryRepository(*db, clock).upsert(seen, core::discovery::Registration::Managed);
        }
        QVERIFY(
            sim.control({{"cmd", "alert"}, {"devices", 0}, {"kind", "doorOpen"}, {"action", "raise"}, {"subunit", 1}})
                .value("ok")
                .toBool());

        DaemonProcess daemon(dataDir.path());
        daemon.setEnvironmentVariable(QStringLiteral("NETGATEWAY_SNMP_PORT"), QString::number(sim.port()));
        QVERIFY(daemon.start());
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        core::ControlClient client(dataDir.path());
        const auto call = [&](const QJsonObject &request) {
            QJsonObject response;
            QString error;
            if (!client.call(request, response, error)) {
                qWarning("control call failed: %s", qPrintable(error));
            }
            return response;
        };
        call({{"command", "uplink.configure"}, {"origin", emu.origin()}, {"caFile", emu.caFile()}});
        call({{"command", "uplink.register"},
              {"accessCode", "DEMO-CODE"},
              {"user", "admin"},
              {"password", "admin-password"}});
        QVERIFY(QTest::qWaitFor(
            [&] {
                return QJsonDocument(call({{"command", "uplink.status"}}))
                    .toJson(QJsonDocument::Compact)
                    .contains("\"registration\":\"managed\"");
            },
            15000));

        QCOMPARE(call({{"command", "polling.devices"}}).value("devices").toArray().size(), 1);
        call({{"command", "polling.pollNow"}});
        const qint64 lifeCount = sim.control({{"cmd", "device"}, {"device", 0}}).value("lifeCount").toInteger();
        QVERIFY(lifeCount > 0);

        QJsonObject counters;
        QJsonObject consumables;
        QJsonObject alert;
        QVERIFY2(
            QTest::qWaitFor(
                [&] {
                    call({{"command", "uplink.sync"}});
                    const QJsonArray records =
                        emu.admin("GET", QStringLiteral("/admin/records")).value(QStringLiteral("records")).toArray();
                    for (const auto &v : records) {
                        const QJsonObject r = v.toObject();
                        if (r.value("device").toString() != QLatin1String("E2E0001")) {
                            continue;
                        }
                        const QString kind = r.value("kind").toString();
                        (kind == QLatin1String("counters")      ? counters
                         : kind == QLatin1String("consumables") ? consumables
                                                                : alert) = r.value("data").toObject();
                    }
                    return !counters.isEmpty() && !consumables.isEmpty() && !alert.isEmpty();
                },
                30000),
            daemon.standardError().constData());
        QCOMPARE(counters.value("counters").toObject().value("total").toInteger(), lifeCount);
        QCOMPARE(counters.value("device").toObject().value("ipAddress").toString(), sim.address(0));
        QCOMPARE(consumables.value("supplies").toArray().size(),
                 sim.control({{"cmd", "device"}, {"device", 0}}).value("supplies").toArray().size());
        QCOMPARE(alert.value("severity").toString(), QStringLiteral("critical"));
        QCOMPARE(alert.value("cleared").toBool(), false);

        daemon.signal(SIGTERM);
        QVERIFY(daemon.waitForExit(15000));
        // The SNMP passphrases are not in the database in plain text.
        QVERIFY(!TempDataDir::readAll(core::GatewayService::databasePath(dataDir.path())).contains("gw-priv-pass"));
    }
};

QTEST_GUILESS_MAIN(TestPollingToCloud)
#include "TestPollingToCloud.moc"
