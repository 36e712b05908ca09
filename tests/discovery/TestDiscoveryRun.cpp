// A discovery setting with WS-Discovery on, run on loopback: fleetsim answers
// SNMP, small WS-Discovery responders answer directed Probes on the same and
// other addresses. A device found both ways is one record with via [snmp, wsd].
#include <netgateway/core/discovery/DiscoveryControl.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>

#include "DiscoveryFixtures.h"
#include "ManualClock.h"
#include "TempDataDir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace netgateway;
using namespace netgateway::core::discovery;

namespace {

const QString kCommunity = QStringLiteral("run-right");

quint16 randomPort()
{
    return static_cast<quint16>(QRandomGenerator::global()->bounded(20000, 60000));
}

} // namespace

class TestDiscoveryRun : public QObject {
    Q_OBJECT
private:
    test::TempDataDir m_dir;
    QProcess m_sim;
    quint16 m_simPort = 0;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::FileKeyStore> m_keys;
    std::unique_ptr<storage::SecretVault> m_vault;
    test::ManualClock m_clock;
    test::RecordingAudit m_audit;
    std::unique_ptr<DiscoveryControl> m_discovery;
    test::WsdResponder m_wsdPrinterWithSnmp; // 127.63.0.1, also fleetsim device 0
    test::WsdResponder m_wsdPrinterOnly;     // 127.63.0.3, no SNMP
    test::WsdResponder m_wsdComputer;        // 127.63.0.4, not a printer
    test::WsdResponder m_wsdOutside;         // 127.63.0.9, outside the ranges

    qint64 addSetting(bool wsd, const QString &schedule = QStringLiteral("manual"))
    {
        DiscoverySettings s;
        s.name = wsd ? QStringLiteral("with wsd") : QStringLiteral("snmp only");
        s.targets = {QStringLiteral("127.63.0.1-127.63.0.4")};
        Credential wrong;
        wrong.community = QStringLiteral("run-wrong");
        Credential right;
        right.community = kCommunity;
        s.credentials = {wrong, right};
        s.wsDiscovery = wsd;
        s.registration = Registration::Managed;
        QString error;
        s.schedule = *Schedule::parse(schedule, error);
        return m_discovery->settings().add(s);
    }

    SweepSummary runSetting(qint64 id)
    {
        const QJsonObject started = m_discovery->startRun(id, QJsonObject{{"port", m_simPort},
                                                                          {"rate", 100000},
                                                                          {"timeoutMs", 300},
                                                                          {"wsdWindowMs", 500},
                                                                          {"wsdMulticast", false}});
        if (started.value("settingId").toInteger() != id) {
            return {};
        }
        QSignalSpy finished(m_discovery->lastRun(), &DiscoveryRun::finished);
        if (!finished.wait(20000)) {
            qWarning("the run did not finish");
        }
        return m_discovery->lastRun()->summary();
    }

private slots:
    void initTestCase()
    {
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("netgateway.db")));
        storage::Migrations::apply(*m_db);
        m_keys = std::make_unique<storage::FileKeyStore>(m_dir.filePath(QStringLiteral("vault.key")));
        m_vault = std::make_unique<storage::SecretVault>(*m_db, *m_keys);
        m_discovery = std::make_unique<DiscoveryControl>(*m_db, *m_vault, m_clock, m_audit);
        bool ready = false;
        for (int attempt = 0; attempt < 5 && !ready; ++attempt) {
            m_simPort = randomPort();
            m_sim.start(QStringLiteral(FLEETSIM_PATH),
                        {"--devices", "2", "--base", "127.63.0.1", "--port", QString::number(m_simPort), "--community",
                         kCommunity, "--speed", "0", "--no-dynamics", "--templates",
                         QStringLiteral(FLEETSIM_TEMPLATES)});
            QVERIFY(m_sim.waitForStarted());
            QVERIFY(
                QTest::qWaitFor([&] { return m_sim.canReadLine() || m_sim.state() == QProcess::NotRunning; }, 30000));
            ready = m_sim.state() == QProcess::Running && m_sim.readLine().startsWith("fleetsim ready: 2 devices");
            if (!ready) {
                m_sim.kill();
                m_sim.waitForFinished();
            }
        }
        QVERIFY2(ready, "fleetsim did not start");
        QVERIFY(m_wsdPrinterWithSnmp.start(QStringLiteral("127.63.0.1"), "wsdp:Device wprt:PrintDeviceType"));
        QVERIFY(m_wsdPrinterOnly.start(QStringLiteral("127.63.0.3"), "wsdp:Device wprt:PrintDeviceType"));
        QVERIFY(m_wsdComputer.start(QStringLiteral("127.63.0.4"), "wsdp:Device"));
        QVERIFY(m_wsdOutside.start(QStringLiteral("127.63.0.9"), "wsdp:Device wprt:PrintDeviceType"));
    }

    void cleanupTestCase()
    {
        m_discovery.reset();
        if (m_sim.state() != QProcess::NotRunning) {
            m_sim.terminate();
            QVERIFY(m_sim.waitForFinished(10000));
        }
    }

    void init() { m_db->exec("DELETE FROM devices; DELETE FROM discovery_settings;"); }

    void wsdAndSnmpFindsAreOneDevice()
    {
        const qint64 id = addSetting(true);
        const SweepSummary s = runSetting(id);
        QVERIFY(s.wsd);
        QCOMPARE(s.scanned, 4u);
        QCOMPARE(s.wsdFound, 3); // .1, .3, .4; .9 was never probed (outside the ranges)
        QCOMPARE(s.wsdConfirmed, 1);
        QCOMPARE(s.found, 3); // two over SNMP (one also over WSD), one WSD-only printer
        QCOMPARE(s.newDevices, 3);
        QCOMPARE(s.nonPrinters, 1); // the WSD device that announces no print service
        QCOMPARE(s.authFailures, (QList<int>{2, 0}));
        QCOMPARE(m_wsdOutside.probes, 0);
        QVERIFY(m_wsdPrinterWithSnmp.probes >= 1);

        const QList<DeviceRecord> records = m_discovery->inventory().list();
        QCOMPARE(records.size(), 3);
        QHash<QString, DeviceRecord> byAddress;
        for (const DeviceRecord &r : records) {
            byAddress.insert(r.address, r);
        }
        QCOMPARE(byAddress.value("127.63.0.1").via, (QStringList{"snmp", "wsd"}));
        QVERIFY(!byAddress.value("127.63.0.1").serialNumber.isEmpty());
        QCOMPARE(byAddress.value("127.63.0.1").credentialPosition, 1);
        QCOMPARE(byAddress.value("127.63.0.2").via, QStringList{"snmp"});
        QCOMPARE(byAddress.value("127.63.0.3").via, QStringList{"wsd"});
        QCOMPARE(byAddress.value("127.63.0.3").state, QStringLiteral("managed"));
        QVERIFY(!byAddress.contains("127.63.0.4"));

        const QJsonObject json = s.toJson();
        QCOMPARE(json.value("wsd").toObject().value("found").toInt(), 3);
        QCOMPARE(json.value("wsd").toObject().value("confirmedBySnmp").toInt(), 1);

        // A second run meets the same three records.
        const SweepSummary again = runSetting(id);
        QCOMPARE(again.found, 3);
        QCOMPARE(again.newDevices, 0);
        QCOMPARE(m_discovery->inventory().list().size(), 3);
    }

    void wsdOffProbesNothing()
    {
        const int before = m_wsdPrinterOnly.probes;
        const SweepSummary s = runSetting(addSetting(false));
        QVERIFY(!s.wsd);
        QCOMPARE(s.found, 2);
        QCOMPARE(m_wsdPrinterOnly.probes, before);
        QVERIFY(!s.toJson().contains("wsd"));
        for (const DeviceRecord &r : m_discovery->inventory().list()) {
            QCOMPARE(r.via, QStringList{"snmp"});
        }
    }

    void runAlreadyGoingIsRefused()
    {
        const qint64 id = addSetting(true);
        m_discovery->startRun(id, QJsonObject{{"port", m_simPort}, {"wsdMulticast", false}});
        QVERIFY(m_discovery->isRunning());
        QVERIFY_THROWS_EXCEPTION(DiscoveryError, m_discovery->startRun(id));
        QSignalSpy finished(m_discovery->lastRun(), &DiscoveryRun::finished);
        m_discovery->lastRun()->cancel();
        QVERIFY(finished.wait(10000));
        QVERIFY(m_discovery->lastRun()->summary().cancelled);
    }

    // The setting's schedule starts the run on the service's clock.
    void scheduledRunStartsAtItsTime()
    {
        m_clock.setWallClock(QDateTime(QDate(2026, 1, 2), QTime(7, 59), Qt::LocalTime).toUTC());
        const qint64 id = addSetting(false, QStringLiteral("08:00"));
        m_discovery->setDefaultPort(m_simPort);
        m_discovery->schedule().start();
        m_clock.advance(std::chrono::seconds(59));
        QVERIFY(!m_discovery->isRunning());
        m_clock.advance(std::chrono::seconds(1));
        QVERIFY(m_discovery->isRunning());
        QSignalSpy finished(m_discovery->lastRun(), &DiscoveryRun::finished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(m_discovery->lastRun()->summary().found, 2);
        QCOMPARE(m_discovery->inventory().list().size(), 2);
        QCOMPARE(m_discovery->inventory().list().first().foundBy, id);
        m_discovery->schedule().stop();
    }

    void discoverCommandWithWsd()
    {
        QProcess cli;
        cli.start(QStringLiteral(NETGATEWAYCTL_PATH),
                  {"discover", "127.63.0.1-127.63.0.4", "--community", kCommunity, "--port", QString::number(m_simPort),
                   "--timeout", "300", "--rate", "0", "--wsd", "--no-wsd-multicast", "--wsd-window", "500", "--json"});
        // The responders live on this event loop: keep it turning while the CLI runs.
        QVERIFY(QTest::qWaitFor([&] { return cli.state() == QProcess::NotRunning; }, 30000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject out = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QCOMPARE(out.value("scanned").toInt(), 4);
        QCOMPARE(out.value("nonPrinters").toInt(), 1);
        QCOMPARE(out.value("wsd").toObject().value("found").toInt(), 3);
        QHash<QString, QStringList> via;
        for (const QJsonValue &d : out.value("devices").toArray()) {
            QStringList v;
            for (const QJsonValue &x : d.toObject().value("via").toArray()) {
                v.append(x.toString());
            }
            via.insert(d.toObject().value("address").toString(), v);
        }
        QCOMPARE(via.size(), 3);
        QCOMPARE(via.value("127.63.0.1"), (QStringList{"snmp", "wsd"}));
        QCOMPARE(via.value("127.63.0.2"), QStringList{"snmp"});
        QCOMPARE(via.value("127.63.0.3"), QStringList{"wsd"});
    }
};

QTEST_GUILESS_MAIN(TestDiscoveryRun)
#include "TestDiscoveryRun.moc"
