// SIGKILL of the real netgatewayd at random points while it discovers, polls
// fleetsim's printers and uploads to the cloud emulator, 50 times in a row.
// After every kill the database must pass integrity_check, every committed
// reading and every outbox record ever seen must still be there or be at the
// cloud, and the cloud must hold each record once (idempotency keys dedupe
// what was sent again after a kill). At the end everything reaches the cloud.
#include "DaemonProcess.h"
#include "EmulatorProcess.h"
#include "FaultFixture.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

#include <csignal>

using namespace netgateway;
using namespace netgateway::test;

namespace {

constexpr int kKills = 50;
constexpr int kDevices = 4;

QStringList cloudKeys(EmulatorProcess &emu)
{
    QStringList keys;
    for (const QJsonValue &v :
         emu.admin("GET", QStringLiteral("/admin/records")).value(QStringLiteral("records")).toArray()) {
        keys << v.toObject().value(QStringLiteral("key")).toString();
    }
    return keys;
}

} // namespace

class TestKillLoop : public QObject {
    Q_OBJECT
private slots:
    void fiftyKillsLoseNothingAndSendNothingTwice()
    {
        FleetsimProcess sim;
        const QString started = sim.start(kDevices, faults::kV3User);
        QVERIFY2(started.isEmpty(), qPrintable(started));
        TempDataDir dataDir;
        const qint64 settingId = faults::prepareDataDirectory(dataDir.path(), sim, kDevices);
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        const QString dir = dataDir.path();
        const QString dbPath = core::GatewayService::databasePath(dir);

        {
            DaemonProcess daemon(dir);
            daemon.setEnvironmentVariable(QStringLiteral("NETGATEWAY_SNMP_PORT"), QString::number(sim.port()));
            QVERIFY(daemon.start(faults::freePortArguments()));
            faults::call(dir, {{"command", "uplink.configure"}, {"origin", emu.origin()}, {"caFile", emu.caFile()}});
            faults::call(dir, {{"command", "uplink.register"},
                               {"accessCode", "DEMO-CODE"},
                               {"user", "admin"},
                               {"password", "admin-password"}});
            QVERIFY(QTest::qWaitFor(
                [&] {
                    return QJsonDocument(faults::call(dir, {{"command", "uplink.status"}}))
                        .toJson(QJsonDocument::Compact)
                        .contains("\"registration\":\"managed\"");
                },
                15000));
            daemon.signal(SIGKILL);
            QVERIFY(daemon.waitForExit(5000));
        }

        QSet<QString> everSeen; // outbox keys seen after some kill
        qint64 readingsBefore = 0;
        qint64 statusEventsBefore = 0;
        auto *random = QRandomGenerator::global();
        for (int kill = 1; kill <= kKills; ++kill) {
            // New counter values and alert changes for every round.
            sim.control({{"cmd", "advance"}, {"seconds", 3600}});
            sim.control({{"cmd", "alert"},
                         {"devices", kill % kDevices},
                         {"kind", "doorOpen"},
                         {"action", kill % 2 ? "raise" : "clear"},
                         {"subunit", 1}});

            DaemonProcess daemon(dir);
            daemon.setEnvironmentVariable(QStringLiteral("NETGATEWAY_SNMP_PORT"), QString::number(sim.port()));
            QVERIFY2(daemon.start(faults::freePortArguments()), daemon.standardError().constData());
            switch (kill % 3) {
            case 0:
                faults::call(dir, {{"command", "discovery.run"}, {"id", settingId}, {"port", sim.port()}});
                break;
            case 1:
                faults::call(dir, {{"command", "polling.pollNow"}});
                break;
            default:
                faults::call(dir, {{"command", "polling.pollNow"}});
                faults::call(dir, {{"command", "uplink.sync"}});
                break;
            }
            // The kill point is the variable under test: anywhere from at once
            // to well into the discovery, polls and uploads just started.
            QTest::qWait(random->bounded(0, 600));
            daemon.signal(SIGKILL);
            QVERIFY(daemon.waitForExit(5000));
            QCOMPARE(daemon.exitStatus(), QProcess::CrashExit);

            auto db = storage::Database::open(dbPath);
            QCOMPARE(db->integrityCheck(), QStringList());
            const QSet<QString> outbox = faults::outboxKeys(*db);
            const QStringList cloud = cloudKeys(emu);
            const QSet<QString> atCloud(cloud.cbegin(), cloud.cend());
            QVERIFY2(atCloud.size() == cloud.size(), "the cloud holds a record twice");
            for (const QString &key : std::as_const(everSeen)) {
                QVERIFY2(outbox.contains(key) || atCloud.contains(key),
                         qPrintable(QStringLiteral("kill %1: record %2 was lost").arg(kill).arg(key)));
            }
            everSeen.unite(outbox);
            const qint64 readings = faults::count(*db, "SELECT count(*) FROM counter_readings");
            const qint64 statusEvents = faults::count(*db, "SELECT count(*) FROM device_status_events");
            QVERIFY2(readings >= readingsBefore, "committed counter readings disappeared");
            QVERIFY2(statusEvents >= statusEventsBefore, "committed status events disappeared");
            readingsBefore = readings;
            statusEventsBefore = statusEvents;
        }
        QVERIFY2(readingsBefore > 0, "no poll completed in 50 rounds; the kill points are too early");

        // A last, undisturbed run delivers everything that is left.
        DaemonProcess daemon(dir);
        daemon.setEnvironmentVariable(QStringLiteral("NETGATEWAY_SNMP_PORT"), QString::number(sim.port()));
        QVERIFY(daemon.start(faults::freePortArguments()));
        QJsonObject status;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         status = faults::call(dir, {{"command", "uplink.status"}});
                         if (status.value("outboxRecords").toInt(-1) == 0) {
                             return true;
                         }
                         faults::call(dir, {{"command", "uplink.sync"}});
                         return false;
                     },
                     30000),
                 QJsonDocument(status).toJson().constData());
        daemon.signal(SIGTERM);
        QVERIFY(daemon.waitForExit(15000));
        const QStringList cloud = cloudKeys(emu);
        const QSet<QString> atCloud(cloud.cbegin(), cloud.cend());
        QCOMPARE(atCloud.size(), cloud.size());
        for (const QString &key : std::as_const(everSeen)) {
            QVERIFY2(atCloud.contains(key), qPrintable(QStringLiteral("record %1 never reached the cloud").arg(key)));
        }
        QVERIFY2(!cloud.isEmpty(), "nothing reached the cloud");
        qInfo("%d kills: %lld counter readings, %lld records at the cloud (%d sent again and deduplicated)", kKills,
              static_cast<long long>(readingsBefore), static_cast<long long>(cloud.size()),
              emu.stats().value(QStringLiteral("duplicates")).toInt());
        auto db = storage::Database::open(dbPath);
        QCOMPARE(db->integrityCheck(), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestKillLoop)
#include "TestKillLoop.moc"
