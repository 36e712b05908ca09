// The real netgatewayd polling fleetsim printers that go silent and come back
// (flapping), answer slowly, or answer with corrupted or truncated datagrams:
// each such device's status follows what it does, the daemon keeps running,
// and a healthy printer next to them is polled as if nothing happened.
#include "DaemonProcess.h"
#include "FaultFixture.h"

#include <QJsonArray>
#include <QTest>

#include <csignal>

using namespace netgateway;
using namespace netgateway::test;

namespace {

constexpr int kDevices = 5;
constexpr int kFlapping = 0;
constexpr int kSlow = 1;
constexpr int kMalformed = 2;
constexpr int kTruncated = 3;
constexpr int kHealthy = 4;

} // namespace

class TestDeviceFaults : public QObject {
    Q_OBJECT
private:
    FleetsimProcess m_sim;
    TempDataDir m_dataDir;
    std::unique_ptr<DaemonProcess> m_daemon;

    QString dir() const { return m_dataDir.path(); }

    // Device status by fleetsim index, from polling.devices.
    QHash<int, QString> statuses()
    {
        QHash<int, QString> out;
        const QJsonArray devices = faults::call(dir(), {{"command", "polling.devices"}}).value("devices").toArray();
        for (const QJsonValue &v : devices) {
            const QJsonObject d = v.toObject();
            for (int i = 0; i < kDevices; ++i) {
                if (d.value("address").toString() == m_sim.address(i)) {
                    out.insert(i, d.value("status").toString());
                }
            }
        }
        return out;
    }

    QByteArray describe() { return QJsonDocument(faults::call(dir(), {{"command", "polling.devices"}})).toJson(); }

    // "online" also accepts "sleeping": fleetsim's printers doze off as their
    // simulated clock runs, and a sleeping printer is a reachable one.
    bool waitForStatus(int device, const QString &expected)
    {
        return QTest::qWaitFor(
            [&] {
                const QString now = statuses().value(device);
                if (now == expected || (expected == QLatin1String("online") && now == QLatin1String("sleeping"))) {
                    return true;
                }
                faults::call(dir(), {{"command", "polling.pollNow"}});
                return false;
            },
            20000);
    }

    qint64 readingsOf(int device)
    {
        auto db = storage::Database::open(core::GatewayService::databasePath(dir()));
        storage::Statement st(*db, "SELECT count(*) FROM counter_readings r JOIN devices d ON d.id = r.device_id "
                                   "WHERE d.address = ?1");
        st.bind(1, m_sim.address(device));
        return st.step() ? st.int64(0) : -1;
    }

private slots:
    void initTestCase()
    {
        const QString started = m_sim.start(kDevices, faults::kV3User);
        QVERIFY2(started.isEmpty(), qPrintable(started));
        faults::prepareDataDirectory(dir(), m_sim, kDevices);
        m_daemon = std::make_unique<DaemonProcess>(dir());
        m_daemon->setEnvironmentVariable(QStringLiteral("NETGATEWAY_SNMP_PORT"), QString::number(m_sim.port()));
        QVERIFY(m_daemon->start(faults::freePortArguments()));
        for (int i = 0; i < kDevices; ++i) {
            QVERIFY2(waitForStatus(i, QStringLiteral("online")), qPrintable(QString::number(i)));
        }
    }

    void cleanupTestCase()
    {
        if (m_daemon) {
            QVERIFY(m_daemon->isRunning());
            m_daemon->signal(SIGTERM);
            QVERIFY(m_daemon->waitForExit(15000));
            QCOMPARE(m_daemon->exitCode(), 0);
        }
    }

    void faultyDevicesDoNotDisturbTheOthers()
    {
        const qint64 healthyBefore = readingsOf(kHealthy);
        const qint64 slowBefore = readingsOf(kSlow);
        QVERIFY(m_sim.control({{"cmd", "fault"}, {"devices", kFlapping}, {"silent", true}}).value("ok").toBool());
        QVERIFY(m_sim.control({{"cmd", "fault"}, {"devices", kSlow}, {"delayMs", 700}}).value("ok").toBool());
        QVERIFY(m_sim.control({{"cmd", "fault"}, {"devices", kMalformed}, {"malformed", true}}).value("ok").toBool());
        QVERIFY(m_sim.control({{"cmd", "fault"}, {"devices", kTruncated}, {"truncate", true}}).value("ok").toBool());
        m_sim.control({{"cmd", "advance"}, {"seconds", 3600}});

        QVERIFY(waitForStatus(kFlapping, QStringLiteral("offline")));
        QVERIFY(waitForStatus(kMalformed, QStringLiteral("offline")));
        QVERIFY(waitForStatus(kTruncated, QStringLiteral("offline")));
        // Slow, but within the timeout: still online and still read.
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         faults::call(dir(), {{"command", "polling.pollNow"}});
                         return readingsOf(kSlow) > slowBefore && readingsOf(kHealthy) > healthyBefore;
                     },
                     20000),
                 describe().constData());
        const auto now = statuses();
        QVERIFY(now.value(kSlow) == QLatin1String("online") || now.value(kSlow) == QLatin1String("sleeping"));
        QVERIFY(now.value(kHealthy) == QLatin1String("online") || now.value(kHealthy) == QLatin1String("sleeping"));
        QVERIFY(m_daemon->isRunning());
    }

    void flappingDeviceFollowsEveryChange()
    {
        for (int round = 0; round < 3; ++round) {
            QVERIFY(m_sim.control({{"cmd", "clear-faults"}, {"devices", kFlapping}}).value("ok").toBool());
            QVERIFY2(waitForStatus(kFlapping, QStringLiteral("online")), describe().constData());
            QVERIFY(m_sim.control({{"cmd", "fault"}, {"devices", kFlapping}, {"silent", true}}).value("ok").toBool());
            QVERIFY(waitForStatus(kFlapping, QStringLiteral("offline")));
        }
        // Each transition is recorded once, in order.
        auto db = storage::Database::open(core::GatewayService::databasePath(dir()));
        storage::Statement st(*db, "SELECT e.status FROM device_status_events e JOIN devices d ON d.id = e.device_id "
                                   "WHERE d.address = ?1 ORDER BY e.id");
        st.bind(1, m_sim.address(kFlapping));
        QStringList seen;
        while (st.step()) {
            seen << st.text(0);
        }
        QVERIFY2(seen.size() >= 7, qPrintable(seen.join(',')));
        for (qsizetype i = 1; i < seen.size(); ++i) {
            QVERIFY2(seen[i] != seen[i - 1], qPrintable(seen.join(',')));
        }
        QVERIFY(statuses().value(kHealthy) != QLatin1String("offline"));
    }

    void recoveredDevicesComeBackOnline()
    {
        QVERIFY(m_sim.control({{"cmd", "clear-faults"}, {"devices", "all"}}).value("ok").toBool());
        for (int i = 0; i < kDevices; ++i) {
            QVERIFY2(waitForStatus(i, QStringLiteral("online")), qPrintable(QString::number(i)));
        }
    }
};

QTEST_GUILESS_MAIN(TestDeviceFaults)
#include "TestDeviceFaults.moc"
