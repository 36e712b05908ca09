// SIGKILL in the middle of a burst of writes through the storage layer: the
// database must pass integrity_check and hold every row whose commit returned.
#include <netgateway/storage/Database.h>

#include "TempDataDir.h"

#include <QProcess>
#include <QTest>

#include <csignal>

using namespace netgateway;

class TestCrashDurability : public QObject {
    Q_OBJECT
private slots:
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

QTEST_GUILESS_MAIN(TestCrashDurability)
#include "TestCrashDurability.moc"
