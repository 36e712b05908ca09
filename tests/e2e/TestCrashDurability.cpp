// SIGKILL in the middle of a burst of writes: the database must pass
// integrity_check and hold every row whose commit was acknowledged, both for a
// bare storage-layer writer and for the real service answering requests.
#include <netgateway/core/ControlChannel.h>
#include <netgateway/core/GatewayService.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/SecretVault.h>

#include "DaemonProcess.h"
#include "TempDataDir.h"

#include <QJsonArray>
#include <QMutex>
#include <QProcess>
#include <QTest>

#include <atomic>
#include <csignal>
#include <thread>

using namespace netgateway;

class TestCrashDurability : public QObject {
    Q_OBJECT
private slots:
    void killServiceDuringBurstOfRequests_data();
    void killServiceDuringBurstOfRequests();

    void killDuringBurstLosesNoCommittedRow_data()
    {
        QTest::addColumn<int>("killAfter");
        // Several kill points, early and late in the burst.
        for (int n : {1, 50, 400, 1500, 3000}) {
            QTest::addRow("after-%d", n) << n;
        }
    }

    void killDuringBurstLosesNoCommittedRow()
    {
        QFETCH(int, killAfter);
        test::TempDataDir dir;
        const QString path = dir.filePath(QStringLiteral("netgateway.db"));
        QProcess writer;
        writer.start(QStringLiteral(BURST_WRITER_PATH), {path, QStringLiteral("1000000")});
        QVERIFY(writer.waitForStarted());
        qint64 lastCommitted = 0;
        QByteArray pending;
        QVERIFY(QTest::qWaitFor(
            [&] {
                pending += writer.readAllStandardOutput();
                const qsizetype end = pending.lastIndexOf('\n');
                if (end >= 0) {
                    const auto lines = pending.left(end).split('\n');
                    bool ok = false;
                    const qint64 id = lines.last().toLongLong(&ok);
                    if (ok) {
                        lastCommitted = id;
                    }
                    pending = pending.mid(end + 1);
                }
                return lastCommitted >= killAfter;
            },
            60000));
        ::kill(static_cast<pid_t>(writer.processId()), SIGKILL);
        QVERIFY(writer.waitForFinished(5000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        // Anything printed after our last read was committed too.
        pending += writer.readAllStandardOutput();
        for (const QByteArray &line : pending.split('\n')) {
            bool ok = false;
            const qint64 id = line.toLongLong(&ok);
            if (ok) {
                lastCommitted = std::max(lastCommitted, id);
            }
        }

        auto db = storage::Database::open(path);
        QCOMPARE(db->integrityCheck(), QStringList());
        storage::Statement st(*db, "SELECT count(*), coalesce(min(id), 0), coalesce(max(id), 0) FROM burst "
                                   "WHERE id <= ?1");
        st.bind(1, lastCommitted);
        QVERIFY(st.step());
        QCOMPARE(st.int64(0), lastCommitted);
        QCOMPARE(st.int64(1), std::int64_t{1});
        QCOMPARE(st.int64(2), lastCommitted);
    }
};

// Adds discovery settings (each one a transaction with its community in the
// vault) through the control channel until the service stops answering.
class SettingWriter {
public:
    explicit SettingWriter(QString dataDir) : m_dataDir(std::move(dataDir)) {}

    void run()
    {
        core::ControlClient client(m_dataDir);
        for (int n = 1; n <= 100000; ++n) {
            const QString name = QStringLiteral("burst-%1").arg(n);
            const QJsonObject settings{
                {QStringLiteral("name"), name},
                {QStringLiteral("targets"), QJsonArray{QStringLiteral("127.0.%1.0/24").arg(n % 250)}},
                {QStringLiteral("credentials"),
                 QJsonArray{QJsonObject{{QStringLiteral("version"), QStringLiteral("v2c")},
                                        {QStringLiteral("community"), QStringLiteral("community-%1").arg(n)}}}},
                {QStringLiteral("schedule"), QStringLiteral("manual")},
                {QStringLiteral("registration"), QStringLiteral("pending")}};
            QJsonObject result;
            QString error;
            if (!client.call({{QStringLiteral("command"), QStringLiteral("discovery.add")},
                              {QStringLiteral("settings"), settings}},
                             result, error, 5000)) {
                return; // the service is gone
            }
            QMutexLocker lock(&m_mutex);
            m_acknowledged << name;
            acknowledgedCount.store(static_cast<int>(m_acknowledged.size()));
        }
    }

    QStringList acknowledged()
    {
        QMutexLocker lock(&m_mutex);
        return m_acknowledged;
    }

    std::atomic<int> acknowledgedCount{0};

private:
    QString m_dataDir;
    QMutex m_mutex;
    QStringList m_acknowledged;
};

void TestCrashDurability::killServiceDuringBurstOfRequests()
{
    QFETCH(int, killAfter);
    test::TempDataDir dir;
    test::DaemonProcess daemon(dir.path());
    QVERIFY2(daemon.start(), daemon.standardError().constData());
    SettingWriter writer(dir.path());
    std::thread worker([&writer] { writer.run(); });
    const bool reached = QTest::qWaitFor([&] { return writer.acknowledgedCount.load() >= killAfter; }, 60000);
    daemon.signal(SIGKILL);
    worker.join();
    QVERIFY(reached);
    QVERIFY(daemon.waitForExit(5000));
    QCOMPARE(daemon.exitStatus(), QProcess::CrashExit);

    const QStringList acknowledged = writer.acknowledged();
    auto db = storage::Database::open(core::GatewayService::databasePath(dir.path()));
    QCOMPARE(db->integrityCheck(), QStringList());
    storage::FileKeyStore keys(core::GatewayService::keyFilePath(dir.path()));
    storage::SecretVault vault(*db, keys);
    for (const QString &name : acknowledged) {
        storage::Statement st(*db, "SELECT c.community_secret FROM discovery_settings s "
                                   "JOIN discovery_credentials c ON c.setting_id = s.id WHERE s.name = ?1");
        st.bind(1, name);
        QVERIFY2(st.step(), qPrintable(QStringLiteral("acknowledged setting %1 is missing").arg(name)));
        const auto community = vault.get(st.text(0));
        QVERIFY(community.has_value());
        QCOMPARE(*community, QStringLiteral("community-%1").arg(name.mid(6)).toUtf8());
    }
}

void TestCrashDurability::killServiceDuringBurstOfRequests_data()
{
    QTest::addColumn<int>("killAfter");
    for (int n : {1, 25, 120}) {
        QTest::addRow("after-%d", n) << n;
    }
}

QTEST_GUILESS_MAIN(TestCrashDurability)
#include "TestCrashDurability.moc"
