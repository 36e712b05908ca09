// Device recovery against fleetsim with the real poller: a managed printer
// moves to another loopback address (a new DHCP lease), misses the configured
// number of polls, and is found again at the new address by its serial
// number: same id, its counter history and its pinned priority in polling's
// device_activity table unchanged, and polled at the new address.
#include <netgateway/core/discovery/DeviceRecovery.h>
#include <netgateway/core/discovery/DiscoveryControl.h>
#include <netgateway/core/polling/PollScheduler.h>
#include <netgateway/core/polling/SnmpDeviceReader.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>

#include "DiscoveryFixtures.h"
#include "TempDataDir.h"

#include <QJsonDocument>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace netgateway;
using namespace netgateway::core::discovery;
namespace polling = netgateway::core::polling;

namespace {

const QString kCommunity = QStringLiteral("recovery-right");

} // namespace

class TestDeviceRecovery : public QObject {
    Q_OBJECT
private:
    test::TempDataDir m_dir;
    QProcess m_sim;
    QLocalSocket m_control;
    quint16 m_simPort = 0;
    // Real time: the SNMP timeouts of the poller have to pass.
    core::SystemClock m_clock;
    test::RecordingAudit m_audit;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::FileKeyStore> m_keys;
    std::unique_ptr<storage::SecretVault> m_vault;
    std::unique_ptr<DiscoveryControl> m_discovery;

    QJsonObject ctl(const QJsonObject &cmd)
    {
        m_control.write(QJsonDocument(cmd).toJson(QJsonDocument::Compact) + '\n');
        m_control.flush();
        if (!QTest::qWaitFor([&] { return m_control.canReadLine(); }, 10000)) {
            return QJsonObject{{"ok", false}, {"error", "no reply from the control socket"}};
        }
        return QJsonDocument::fromJson(m_control.readLine()).object();
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
            m_simPort = static_cast<quint16>(QRandomGenerator::global()->bounded(20000, 60000));
            m_sim.start(QStringLiteral(FLEETSIM_PATH),
                        {"--devices", "3", "--base", "127.64.0.1", "--port", QString::number(m_simPort), "--community",
                         kCommunity, "--speed", "0", "--no-dynamics", "--templates", QStringLiteral(FLEETSIM_TEMPLATES),
                         "--control", m_dir.filePath("fleetsim.sock")});
            QVERIFY(m_sim.waitForStarted());
            QVERIFY(
                QTest::qWaitFor([&] { return m_sim.canReadLine() || m_sim.state() == QProcess::NotRunning; }, 30000));
            ready = m_sim.state() == QProcess::Running && m_sim.readLine().startsWith("fleetsim ready: 3 devices");
            if (!ready) {
                m_sim.kill();
                m_sim.waitForFinished();
            }
        }
        QVERIFY2(ready, "fleetsim did not start");
        m_control.connectToServer(m_dir.filePath("fleetsim.sock"));
        QVERIFY(m_control.waitForConnected(5000));
    }

    void cleanupTestCase()
    {
        m_discovery.reset();
        m_control.disconnectFromServer();
        if (m_sim.state() != QProcess::NotRunning) {
            m_sim.terminate();
            QVERIFY(m_sim.waitForFinished(10000));
        }
    }

    void movedDeviceIsFoundAtItsNewAddress()
    {
        // Register the three printers through a discovery setting.
        DiscoverySettings s;
        s.name = QStringLiteral("office");
        s.targets = {QStringLiteral("127.64.0.1-127.64.0.12")};
        Credential wrong;
        wrong.community = QStringLiteral("recovery-wrong");
        Credential right;
        right.community = kCommunity;
        s.credentials = {wrong, right};
        s.registration = Registration::Managed;
        const qint64 settingId = m_discovery->settings().add(s);
        m_discovery->startRun(settingId, QJsonObject{{"port", m_simPort}, {"timeoutMs", 300}, {"rate", 100000}});
        QSignalSpy ran(m_discovery->lastRun(), &DiscoveryRun::finished);
        QVERIFY(ran.wait(20000));
        QCOMPARE(m_discovery->lastRun()->summary().newDevices, 3);
        qint64 id = 0;
        for (const DeviceRecord &r : m_discovery->inventory().list()) {
            if (r.address == QLatin1String("127.64.0.2")) {
                id = r.id;
            }
        }
        QVERIFY(id != 0);

        // The real poller on the real SNMP reader.
        polling::SnmpReaderOptions readerOptions;
        readerOptions.port = m_simPort;
        readerOptions.timeoutMs = 200;
        readerOptions.retries = 0;
        polling::SnmpPolling snmp(*m_db, *m_vault, m_clock, m_audit, readerOptions);
        polling::SchedulerOptions options;
        polling::PollScheduler scheduler(*m_db, m_clock, options);
        QString error;
        QVERIFY2(snmp.start(error), qPrintable(error));
        scheduler.setReader(&snmp.reader());
        scheduler.start();
        QCOMPARE(scheduler.deviceCount(), 3);
        QVERIFY(scheduler.pinCategory(id, polling::Priority::VeryHigh));

        SweepOptions searchOptions;
        searchOptions.port = m_simPort;
        searchOptions.timeoutMs = 300;
        DeviceRecovery recovery(m_discovery->settings(), m_discovery->inventory(), m_discovery->recovery(), m_audit,
                                searchOptions);
        recovery.watch(scheduler);
        m_discovery->recovery().save(DeviceRecoverySettings{true, 3});
        QVERIFY(std::any_of(m_audit.entries.begin(), m_audit.entries.end(), [](const QString &e) {
            return e.startsWith(QLatin1String("configure device recovery settings"));
        }));

        // A first poll at the old address builds history.
        QSignalSpy answered(&scheduler, &polling::PollScheduler::deviceAnswered);
        QVERIFY(scheduler.pollNow(id));
        QTRY_VERIFY_WITH_TIMEOUT(m_db->scalar("SELECT COUNT(*) FROM counter_readings")->toLongLong() > 0, 10000);
        storage::Statement history(*m_db, "SELECT COUNT(*) FROM counter_readings WHERE device_id = ?1");
        history.bind(1, id);
        QVERIFY(history.step());
        const qint64 readings = history.int64(0);
        history.reset();
        QVERIFY(readings > 0);

        // The printer gets another address; polls keep going to the old one.
        const QJsonObject moved = ctl({{"cmd", "move"}, {"device", 1}, {"address", "127.64.0.11"}});
        QVERIFY2(moved.value("ok").toBool(), qPrintable(moved.value("error").toString()));
        QSignalSpy missed(&scheduler, &polling::PollScheduler::deviceMissedPoll);
        QSignalSpy started(&recovery, &DeviceRecovery::searchStarted);
        QSignalSpy recovered(&recovery, &DeviceRecovery::deviceRecovered);
        // Poll again each time a poll of the device ends, until recovery has moved it.
        connect(&scheduler, &polling::PollScheduler::pollFinished, this, [&](qint64 device) {
            if (device == id && recovered.isEmpty() && started.isEmpty()) {
                scheduler.pollNow(id);
            }
        });
        QVERIFY(scheduler.pollNow(id));
        QVERIFY(recovered.wait(30000) || !recovered.isEmpty());
        QCOMPARE(started.count(), 1);
        QVERIFY2(missed.count() >= 3, "recovery started before the configured number of missed polls");
        QCOMPARE(recovered.first().at(0).toLongLong(), id);
        QCOMPARE(recovered.first().at(1).toString(), QStringLiteral("127.64.0.2"));
        QCOMPARE(recovered.first().at(2).toString(), QStringLiteral("127.64.0.11"));

        // Same record, history and priority; no duplicate.
        QCOMPARE(m_discovery->inventory().list().size(), 3);
        const auto record = m_discovery->inventory().find(id);
        QVERIFY(record);
        QCOMPARE(record->address, QStringLiteral("127.64.0.11"));
        QCOMPARE(record->previousAddress, QStringLiteral("127.64.0.2"));
        QCOMPARE(record->state, QStringLiteral("managed"));
        QCOMPARE(record->missedPolls, 0);
        history.bind(1, id);
        QVERIFY(history.step());
        QVERIFY(history.int64(0) >= readings);
        history.reset();
        storage::Statement activity(*m_db, "SELECT pinned_category FROM device_activity WHERE device_id = ?1");
        activity.bind(1, id);
        QVERIFY(activity.step());
        QCOMPARE(activity.text(0), QStringLiteral("very_high"));
        QCOMPARE(scheduler.deviceInfo(id)->address, QStringLiteral("127.64.0.11"));
        QCOMPARE(scheduler.deviceInfo(id)->pinned, std::optional<polling::Priority>(polling::Priority::VeryHigh));
        QVERIFY(std::any_of(m_audit.entries.begin(), m_audit.entries.end(), [&](const QString &e) {
            return e == QStringLiteral("move recovered device: device %1").arg(id);
        }));

        // The poller now reaches it at the new address.
        answered.clear();
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(answered.begin(), answered.end(),
                        [&](const QList<QVariant> &args) { return args.at(0).toLongLong() == id; }),
            10000);
        ctl({{"cmd", "move"}, {"device", 1}, {"address", "127.64.0.2"}});
        scheduler.stop();
    }

    void settingsOutOfBoundsAreRefused()
    {
        const DeviceRecoverySettings before = m_discovery->recovery().load();
        QVERIFY_THROWS_EXCEPTION(DiscoveryError, m_discovery->recovery().save(DeviceRecoverySettings{true, 0}));
        QVERIFY_THROWS_EXCEPTION(DiscoveryError, m_discovery->recovery().save(DeviceRecoverySettings{true, 101}));
        QCOMPARE(m_discovery->recovery().load().missedPolls, before.missedPolls);
    }
};

QTEST_GUILESS_MAIN(TestDeviceRecovery)
#include "TestDeviceRecovery.moc"
