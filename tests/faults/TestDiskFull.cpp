// The disk fills up while the real poll scheduler stores telemetry in a real
// SQLite database: every reading committed before stays, the scheduler keeps
// polling, the condition is counted and logged with what to do, and storing
// resumes by itself once space is free again.
//
// How the disk is filled: SQLite's max_page_count on the scheduler's own
// connection, after a filler table has taken every page up to it. Writes then
// fail with SQLITE_FULL, the very error a full volume gives, on the same code
// path, without root, loop devices or a mount namespace, and deterministically.
#include "FakeDeviceReader.h"
#include "ManualClock.h"
#include "PollingTestDb.h"

#include <netgateway/core/polling/PollScheduler.h>

#include <QTest>

using namespace netgateway;
using namespace netgateway::core::polling;
using namespace std::chrono_literals;

namespace {

QStringList g_warnings;

void captureWarnings(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtWarningMsg) {
        g_warnings << message;
    }
}

} // namespace

class TestDiskFull : public QObject {
    Q_OBJECT
private slots:
    void telemetryKeepsWhatWasCommittedAndPollingGoesOn()
    {
        constexpr int kDevices = 10;
        test::ManualClock clock;
        test::PollingTestDb t(kDevices);
        test::FakeDeviceReader reader{clock};
        SchedulerOptions options;
        options.policy = PolicyKind::Fixed;
        PollScheduler scheduler(*t.db, clock, options);
        int starts = 0;
        scheduler.onPollStarted = [&](std::int64_t, PollKind, std::chrono::milliseconds) { ++starts; };
        scheduler.setReader(&reader);
        scheduler.start();
        std::int64_t total = 1000;
        const auto cycle = [&] {
            total += 50;
            for (int d = 1; d <= kDevices; ++d) {
                reader.devices[d].counters.clear();
                for (int c = 0; c < 20; ++c) {
                    reader.devices[d].counters.push_back({QStringLiteral("counter%1").arg(c), total + c});
                }
            }
            for (int s = 0; s < 80; ++s) {
                clock.advance(1min);
                reader.deliverDue();
            }
        };
        cycle();
        cycle();
        const qint64 committed = t.count("SELECT count(*) FROM counter_readings");
        QVERIFY(committed > 0);

        // Fill the volume.
        t.db->exec("CREATE TABLE filler(b BLOB)");
        const qint64 pages = t.count("PRAGMA page_count");
        t.db->exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages + 2).toUtf8().constData());
        bool full = false;
        for (int i = 0; i < 100 && !full; ++i) {
            try {
                t.db->exec("INSERT INTO filler VALUES(zeroblob(3000))");
            } catch (const storage::StorageError &) {
                full = true;
            }
        }
        QVERIFY(full);

        const auto previous = qInstallMessageHandler(captureWarnings);
        const int startsBefore = starts;
        const std::uint64_t errorsBefore = scheduler.stats().storageErrors;
        for (int i = 0; i < 6; ++i) {
            cycle();
        }
        qInstallMessageHandler(previous);
        QVERIFY(scheduler.stats().storageErrors > errorsBefore);
        QVERIFY2(starts >= startsBefore + 6 * kDevices, "polling stopped while the disk was full");
        QVERIFY(t.count("SELECT count(*) FROM counter_readings") >= committed);
        QVERIFY(std::any_of(g_warnings.cbegin(), g_warnings.cend(),
                            [](const QString &w) { return w.contains(QLatin1String("the disk is full")); }));
        QCOMPARE(t.db->integrityCheck(), QStringList());

        // Space is freed: storing resumes without a restart.
        t.db->exec("DROP TABLE filler");
        t.db->exec("PRAGMA max_page_count = 1073741823");
        const qint64 afterFull = t.count("SELECT count(*) FROM counter_readings");
        cycle();
        QVERIFY(t.count("SELECT count(*) FROM counter_readings") > afterFull);
        QCOMPARE(t.db->integrityCheck(), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "TestDiskFull.moc"
