// Scheduled discovery runs on the ManualClock: they start exactly at the set
// local times, once, never while the same setting is still running, and a
// setting due during another one's run starts after it.
#include <netgateway/core/discovery/DiscoveryScheduler.h>
#include <netgateway/storage/Database.h>
#include <netgateway/storage/KeyRing.h>
#include <netgateway/storage/Migrations.h>
#include <netgateway/storage/SecretVault.h>

#include "DiscoveryFixtures.h"
#include "ManualClock.h"
#include "TempDataDir.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace netgateway;
using namespace netgateway::core::discovery;
using namespace std::chrono_literals;

namespace {

// Local wall time on 2 January 2026, as UTC for the clock.
QDateTime local(int h, int m, int s = 0)
{
    return QDateTime(QDate(2026, 1, 2), QTime(h, m, s), Qt::LocalTime).toUTC();
}

} // namespace

class TestDiscoveryScheduler : public QObject {
    Q_OBJECT
private:
    test::TempDataDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::FileKeyStore> m_keys;
    std::unique_ptr<storage::SecretVault> m_vault;
    test::ManualClock m_clock;
    test::RecordingAudit m_audit;
    std::unique_ptr<DiscoveryRepository> m_settings;
    // What the runner saw: setting ids with the local time they were started at.
    QList<QPair<qint64, QTime>> m_started;
    qint64 m_runningSetting = 0;

    qint64 add(const QString &name, const QString &schedule)
    {
        DiscoverySettings s;
        s.name = name;
        s.targets = {QStringLiteral("192.0.2.0/30")};
        Credential c;
        c.community = QStringLiteral("sched-community");
        s.credentials = {c};
        QString error;
        s.schedule = *Schedule::parse(schedule, error);
        return m_settings->add(s);
    }

    std::unique_ptr<DiscoveryScheduler> makeScheduler()
    {
        DiscoveryScheduler::Runner runner{[this](qint64 id) {
                                              m_started.append({id, m_clock.nowUtc().toLocalTime().time()});
                                              m_runningSetting = id;
                                              return true;
                                          },
                                          [this] { return m_runningSetting; }};
        return std::make_unique<DiscoveryScheduler>(*m_settings, m_clock, runner);
    }

private slots:
    void init()
    {
        m_settings.reset();
        m_vault.reset();
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("netgateway.db")));
        storage::Migrations::apply(*m_db);
        m_db->exec("DELETE FROM discovery_settings; DELETE FROM secrets;");
        m_keys = std::make_unique<storage::FileKeyStore>(m_dir.filePath(QStringLiteral("vault.key")));
        m_vault = std::make_unique<storage::SecretVault>(*m_db, *m_keys);
        m_settings = std::make_unique<DiscoveryRepository>(*m_db, *m_vault, m_clock, m_audit);
        m_started.clear();
        m_runningSetting = 0;
        m_clock.setWallClock(local(7, 59));
    }

    void startsExactlyAtTheSetTimesOnce()
    {
        const qint64 office = add(QStringLiteral("office"), QStringLiteral("08:00,13:30"));
        add(QStringLiteral("by hand"), QStringLiteral("manual"));
        auto scheduler = makeScheduler();
        scheduler->start();
        QCOMPARE(scheduler->nextRun(), std::optional<QDateTime>(local(8, 0)));

        m_clock.advance(59s);
        QVERIFY(m_started.isEmpty()); // 07:59:59
        m_clock.advance(1s);
        QCOMPARE(m_started.size(), 1); // 08:00:00 sharp
        QCOMPARE(m_started.first(), (QPair<qint64, QTime>{office, QTime(8, 0)}));
        m_runningSetting = 0; // the run ended
        m_clock.advance(30s);
        m_clock.advance(0s);
        QCOMPARE(m_started.size(), 1); // not twice
        QCOMPARE(scheduler->nextRun(), std::optional<QDateTime>(local(13, 30)));

        m_clock.setWallClock(local(13, 29, 59));
        QCOMPARE(m_started.size(), 1);
        m_clock.advance(1s);
        QCOMPARE(m_started.size(), 2);
        QCOMPARE(m_started.last().second, QTime(13, 30));
        m_runningSetting = 0;

        // A gateway that sleeps past both of the next day's times runs once on waking.
        m_clock.setWallClock(local(13, 30).addDays(1).addSecs(60));
        QCOMPARE(m_started.size(), 3);
        m_runningSetting = 0;

        // The wall clock stepping back over 13:30 starts nothing.
        m_clock.setWallClock(local(13, 0).addDays(1));
        QCOMPARE(m_started.size(), 3);
    }

    void runningSettingIsNotStartedAgain()
    {
        const qint64 office = add(QStringLiteral("office"), QStringLiteral("08:00"));
        auto scheduler = makeScheduler();
        QSignalSpy skipped(scheduler.get(), &DiscoveryScheduler::runSkipped);
        scheduler->start();
        m_runningSetting = office; // still going since a manual start
        m_clock.advance(60s);
        QVERIFY(m_started.isEmpty());
        QCOMPARE(skipped.count(), 1);
        QCOMPARE(skipped.first().at(0).toLongLong(), office);
        // Its end does not start it late either.
        m_runningSetting = 0;
        scheduler->runFinished();
        QVERIFY(m_started.isEmpty());
    }

    void settingDueDuringAnotherRunStartsAfterIt()
    {
        const qint64 a = add(QStringLiteral("a"), QStringLiteral("08:00"));
        const qint64 b = add(QStringLiteral("b"), QStringLiteral("08:00"));
        auto scheduler = makeScheduler();
        scheduler->start();
        m_clock.advance(60s);
        QCOMPARE(m_started.size(), 1);
        const qint64 first = m_started.first().first;
        QVERIFY(first == a || first == b);
        m_runningSetting = 0;
        scheduler->runFinished();
        QCOMPARE(m_started.size(), 2);
        QCOMPARE(m_started.last().first, first == a ? b : a);
    }

    void changedScheduleIsFollowed()
    {
        const qint64 id = add(QStringLiteral("office"), QStringLiteral("manual"));
        auto scheduler = makeScheduler();
        scheduler->start();
        QCOMPARE(scheduler->nextRun(), std::nullopt);
        auto s = *m_settings->find(id, DiscoveryRepository::Secrets::Include);
        QString error;
        s.schedule = *Schedule::parse(QStringLiteral("08:00"), error);
        m_settings->update(s);
        scheduler->reschedule();
        QCOMPARE(scheduler->nextRun(), std::optional<QDateTime>(local(8, 0)));
        m_clock.advance(60s);
        QCOMPARE(m_started.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDiscoveryScheduler)
#include "TestDiscoveryScheduler.moc"
