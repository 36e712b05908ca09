// The real netgatewayd polling fleetsim while the cloud emulator is down,
// flapping, or answering garbage: nothing is lost, polling goes on, the uplink
// backs off instead of hammering the cloud, uplink.status says what is wrong,
// and once the cloud is healthy every record arrives exactly once.
#include "DaemonProcess.h"
#include "EmulatorProcess.h"
#include "FaultFixture.h"

#include <QJsonArray>
#include <QTest>

#include <csignal>

using namespace netgateway;
using namespace netgateway::test;

namespace {

constexpr int kDevices = 3;

} // namespace

class TestCloudFaults : public QObject {
    Q_OBJECT
private:
    FleetsimProcess m_sim;
    TempDataDir m_dataDir;
    TempDataDir m_emuDir;
    std::unique_ptr<EmulatorProcess> m_emu;
    std::unique_ptr<DaemonProcess> m_daemon;
    QSet<QString> m_everQueued;

    QString dir() const { return m_dataDir.path(); }
    QJsonObject status() { return faults::call(dir(), {{"command", "uplink.status"}}); }

    // Produces new records: an alert change and fresh counters, then a poll.
    void produce(int round)
    {
        m_sim.control({{"cmd", "advance"}, {"seconds", 3600}});
        m_sim.control({{"cmd", "alert"},
                       {"devices", round % kDevices},
                       {"kind", "doorOpen"},
                       {"action", round % 2 ? "raise" : "clear"},
                       {"subunit", 1}});
        faults::call(dir(), {{"command", "polling.pollNow"}});
    }

    QSet<QString> queued()
    {
        auto db = storage::Database::open(core::GatewayService::databasePath(dir()));
        return faults::outboxKeys(*db);
    }

    QStringList cloudKeys()
    {
        QStringList keys;
        for (const QJsonValue &v :
             m_emu->admin("GET", QStringLiteral("/admin/records")).value(QStringLiteral("records")).toArray()) {
            keys << v.toObject().value(QStringLiteral("key")).toString();
        }
        return keys;
    }

    // Waits until new records are queued, remembering every key seen.
    bool waitForQueuedRecords()
    {
        return QTest::qWaitFor(
            [&] {
                const QSet<QString> now = queued();
                const bool grew = !(now - m_everQueued).isEmpty();
                m_everQueued.unite(now);
                return grew;
            },
            15000);
    }

    // With the cloud healthy again, everything drains and arrives once.
    void checkEverythingArrivesOnce()
    {
        QVERIFY(m_emu->fault(QStringLiteral("none")));
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         if (status().value("outboxRecords").toInt(-1) == 0) {
                             return true;
                         }
                         faults::call(dir(), {{"command", "uplink.sync"}});
                         return false;
                     },
                     30000),
                 QJsonDocument(status()).toJson().constData());
        QCOMPARE(status().value("failure").toString(), QStringLiteral("none"));
        const QStringList keys = cloudKeys();
        const QSet<QString> unique(keys.cbegin(), keys.cend());
        QCOMPARE(unique.size(), keys.size());
        for (const QString &key : std::as_const(m_everQueued)) {
            QVERIFY2(unique.contains(key), qPrintable(QStringLiteral("record %1 was lost").arg(key)));
        }
    }

private slots:
    void initTestCase()
    {
        const QString started = m_sim.start(kDevices, faults::kV3User);
        QVERIFY2(started.isEmpty(), qPrintable(started));
        faults::prepareDataDirectory(dir(), m_sim, kDevices);
        m_emu = std::make_unique<EmulatorProcess>(m_emuDir.path());
        QVERIFY(m_emu->start());
        m_daemon = std::make_unique<DaemonProcess>(dir());
        m_daemon->setEnvironmentVariable(QStringLiteral("NETGATEWAY_SNMP_PORT"), QString::number(m_sim.port()));
        QVERIFY(m_daemon->start(faults::freePortArguments()));
        faults::call(dir(),
                     {{"command", "uplink.configure"}, {"origin", m_emu->origin()}, {"caFile", m_emu->caFile()}});
        faults::call(dir(), {{"command", "uplink.register"},
                             {"accessCode", "DEMO-CODE"},
                             {"user", "admin"},
                             {"password", "admin-password"}});
        QVERIFY(QTest::qWaitFor([&] { return status().value("registration").toString() == "managed"; }, 15000));
    }

    void cleanupTestCase()
    {
        if (m_daemon) {
            m_daemon->signal(SIGTERM);
            QVERIFY(m_daemon->waitForExit(15000));
            QCOMPARE(m_daemon->exitCode(), 0);
        }
    }

    void cloudDownKeepsRecordsAndPollingAndSaysSo()
    {
        QVERIFY(m_emu->fault(QStringLiteral("refuse")));
        qint64 readingsBefore = 0;
        {
            auto db = storage::Database::open(core::GatewayService::databasePath(dir()));
            readingsBefore = faults::count(*db, "SELECT count(*) FROM counter_readings");
        }
        produce(1);
        QVERIFY(waitForQueuedRecords());
        faults::call(dir(), {{"command", "uplink.sync"}});
        QVERIFY2(QTest::qWaitFor([&] { return status().value("failure").toString() == "tcp"; }, 15000),
                 QJsonDocument(status()).toJson().constData());
        const QJsonObject s = status();
        QVERIFY(s.value("consecutiveFailures").toInt() >= 1);
        QVERIFY(s.value("outboxRecords").toInt() > 0);
        QVERIFY2(s.value("message").toString().contains("TCP"), qPrintable(s.value("message").toString()));
        // Polling does not depend on the cloud.
        produce(2);
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto db = storage::Database::open(core::GatewayService::databasePath(dir()));
                return faults::count(*db, "SELECT count(*) FROM counter_readings") > readingsBefore;
            },
            15000));
        checkEverythingArrivesOnce();
    }

    void failingCloudIsNotHammered()
    {
        // Every request fails with 503: after the first failure the uplink
        // waits (exponential backoff from 10 s) instead of retrying at once.
        QVERIFY(m_emu->fault(QStringLiteral("5xx")));
        produce(3);
        QVERIFY(waitForQueuedRecords());
        m_emu->admin("POST", QStringLiteral("/admin/reset-stats"));
        faults::call(dir(), {{"command", "uplink.sync"}});
        QVERIFY(QTest::qWaitFor([&] { return status().value("failure").toString() == "server"; }, 15000));
        const int afterFirst = m_emu->stats().value(QStringLiteral("requests")).toInt();
        QVERIFY(afterFirst >= 1);
        // Within the shortest backoff no further request arrives.
        QTest::qWait(3000);
        QCOMPARE(m_emu->stats().value(QStringLiteral("requests")).toInt(), afterFirst);
        QVERIFY(status().value("outboxRecords").toInt() > 0);
        checkEverythingArrivesOnce();
    }

    void flappingCloudLosesNothingAndDuplicatesNothing()
    {
        // (An upload the cloud applies but never answers is TestUplinkCrash's case.)
        const QList<QPair<QString, int>> faultsInTurn{{QStringLiteral("5xx"), 2},      {QStringLiteral("drop"), 2},
                                                      {QStringLiteral("ack-lost"), 2}, {QStringLiteral("refuse"), -1},
                                                      {QStringLiteral("none"), -1},    {QStringLiteral("ack-lost"), 1}};
        int round = 10;
        for (const auto &[mode, count] : faultsInTurn) {
            QVERIFY(m_emu->fault(mode, count));
            produce(++round);
            QVERIFY(waitForQueuedRecords());
            faults::call(dir(), {{"command", "uplink.sync"}});
        }
        checkEverythingArrivesOnce();
    }

    void garbageFromTheCloudIsAProtocolFailure()
    {
        QVERIFY(m_emu->fault(QStringLiteral("garbage")));
        produce(30);
        QVERIFY(waitForQueuedRecords());
        faults::call(dir(), {{"command", "uplink.sync"}});
        QVERIFY2(QTest::qWaitFor([&] { return status().value("failure").toString() == "protocol"; }, 15000),
                 QJsonDocument(status()).toJson().constData());
        QVERIFY(status().value("message").toString().contains("not JSON"));
        QVERIFY(status().value("outboxRecords").toInt() > 0);
        QVERIFY(m_daemon->isRunning());
        checkEverythingArrivesOnce();
    }
};

QTEST_GUILESS_MAIN(TestCloudFaults)
#include "TestCloudFaults.moc"
