#include <netgateway/core/polling/PollScheduler.h>

#include "FakeDeviceReader.h"
#include "ManualClock.h"
#include "PollingTestDb.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <map>

using namespace netgateway;
using namespace netgateway::core::polling;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

struct Start {
    std::int64_t deviceId;
    PollKind kind;
    milliseconds at; // monotonic
    milliseconds lateness;
};

// One scheduler on a ManualClock with a fake reader, recording every poll start.
struct Rig {
    test::ManualClock clock;
    test::PollingTestDb t;
    test::FakeDeviceReader reader{clock};
    std::unique_ptr<PollScheduler> scheduler;
    std::vector<Start> starts;

    explicit Rig(int devices, SchedulerOptions options = {}) : t(devices)
    {
        scheduler = std::make_unique<PollScheduler>(*t.db, clock, options);
        scheduler->onPollStarted = [this](std::int64_t id, PollKind k, milliseconds late) {
            starts.push_back(Start{id, k, clock.monotonic(), late});
        };
        scheduler->setReader(&reader);
        scheduler->start();
    }

    // Lets simulated time pass in small steps, delivering answers on the way.
    void run(milliseconds total, milliseconds step = 1s)
    {
        for (milliseconds done{0}; done < total; done += step) {
            clock.advance(step);
            reader.deliverDue();
        }
    }

    int startsOf(std::int64_t id, PollKind k, milliseconds from = milliseconds::min()) const
    {
        return static_cast<int>(std::count_if(starts.begin(), starts.end(), [&](const Start &s) {
            return s.deviceId == id && s.kind == k && s.at >= from;
        }));
    }

    DevicePollInfo info(std::int64_t id) const { return *scheduler->deviceInfo(id); }

    qint64 count(const char *sql) { return t.count(sql); }
};

AlertEntry jam()
{
    AlertEntry a;
    a.key = QStringLiteral("1:8");
    a.severity = AlertSeverity::Warning;
    a.code = 8;
    a.description = QStringLiteral("Paper jam");
    return a;
}

} // namespace

class TestPollScheduler : public QObject {
    Q_OBJECT
private slots:
    // The tier is re-evaluated when devices are added or removed, and the
    // interval changes exactly at the border (25/26 alerts, 100/101 counters).
    void tierFollowsTheDeviceCount()
    {
        Rig rig(25);
        QCOMPARE(rig.info(1).category, Priority::High); // a new device starts High
        QCOMPARE(rig.info(1).alertInterval, std::chrono::seconds(2min));
        rig.t.addDevices(26, 1);
        rig.scheduler->addDevice(26);
        QCOMPARE(rig.scheduler->deviceCount(), 26);
        QCOMPARE(rig.info(1).alertInterval, std::chrono::seconds(10min));
        QCOMPARE(rig.info(26).alertInterval, std::chrono::seconds(10min));
        rig.scheduler->removeDevice(26);
        QCOMPARE(rig.info(1).alertInterval, std::chrono::seconds(2min));

        rig.t.db->exec("DELETE FROM devices WHERE id = 26");
        rig.t.addDevices(26, 75); // 100 in the database
        rig.scheduler->reloadDevices();
        QCOMPARE(rig.scheduler->deviceCount(), 100);
        QCOMPARE(rig.info(1).counterInterval, std::chrono::seconds(75min));
        rig.t.addDevices(101, 1);
        rig.scheduler->addDevice(101);
        QCOMPARE(rig.info(1).counterInterval, std::chrono::seconds(150min));

        rig.scheduler->setPolicy(PolicyKind::Fixed);
        QCOMPARE(rig.info(1).alertInterval, std::chrono::seconds(10min));
        QCOMPARE(rig.info(1).counterInterval, std::chrono::seconds(75min));
        QCOMPARE(rig.t.db->scalar("SELECT value FROM settings WHERE key = 'polling.policy'")->toString(),
                 QStringLiteral("fixed"));
    }

    // Polls are spread evenly over the interval; nothing bunches at the top of
    // the hour; every device is polled once per interval.
    void loadIsFlat()
    {
        SchedulerOptions options;
        options.policy = PolicyKind::Fixed; // High: alerts every 10 min
        Rig rig(600, options);
        rig.run(60min);
        std::map<qint64, int> perMinute;
        int topOfHour = 0;
        const auto origin = rig.clock.nowUtc().addSecs(-3600);
        for (const Start &s : rig.starts) {
            if (s.kind != PollKind::Alert) {
                continue;
            }
            const qint64 secs = (s.at.count() - 1) / 1000; // starts fall in (0, 3600] s
            ++perMinute[secs / 60];
            const QDateTime wall = origin.addMSecs(s.at.count());
            if (wall.time().minute() == 0 && wall.time().second() < 2) {
                ++topOfHour;
            }
        }
        // 600 devices every 10 minutes = 60 polls a minute.
        QCOMPARE(static_cast<int>(perMinute.size()), 60);
        for (const auto &[minute, n] : perMinute) {
            QVERIFY2(n >= 54 && n <= 66, qPrintable(QStringLiteral("minute %1: %2 polls").arg(minute).arg(n)));
        }
        QVERIFY2(topOfHour <= 3, qPrintable(QString::number(topOfHour)));
        for (std::int64_t id = 1; id <= 600; ++id) {
            QCOMPARE(rig.startsOf(id, PollKind::Alert), 6);
        }
        // Counters (75 min) are spread too: about 600 * 60/75 = 480 in the hour.
        const auto counterStarts = std::count_if(rig.starts.begin(), rig.starts.end(),
                                                 [](const Start &s) { return s.kind == PollKind::Counter; });
        QVERIFY2(counterStarts >= 460 && counterStarts <= 500, qPrintable(QString::number(counterStarts)));
        for (const Start &s : rig.starts) {
            QVERIFY(s.lateness <= 1s);
        }
    }

    void pollNowForOneAndAll()
    {
        Rig rig(10);
        QCOMPARE(rig.reader.statusCalls, 0);
        QVERIFY(rig.scheduler->pollNow(3));
        QCOMPARE(rig.reader.devices[3].statusCalls, 1);
        QCOMPARE(rig.reader.devices[3].counterCalls, 1);
        QCOMPARE(rig.reader.statusCalls, 1);
        QVERIFY(!rig.scheduler->pollNow(999));
        // The next regular poll is not squeezed right behind it.
        const auto interval = std::chrono::duration_cast<milliseconds>(rig.info(3).alertInterval);
        rig.run(interval / 2 - 1s);
        QCOMPARE(rig.reader.devices[3].statusCalls, 1);
        rig.scheduler->pollAllNow();
        for (std::int64_t id = 1; id <= 10; ++id) {
            QVERIFY(rig.reader.devices[id].statusCalls >= 1);
            QVERIFY(rig.reader.devices[id].counterCalls >= 1);
        }
    }

    // Only the status and markers are read; the table is walked only when the
    // marker changed.
    void alertTableWalkedOnlyWhenTheMarkerChanges()
    {
        SchedulerOptions options;
        options.policy = PolicyKind::Fixed;
        Rig rig(1, options); // High: every 10 minutes
        rig.run(100min);
        QCOMPARE(rig.reader.devices[1].statusCalls, 10);
        QCOMPARE(rig.reader.devices[1].walkCalls, 1); // the first poll learns the table
        rig.reader.devices[1].marker = "1";
        rig.run(10min);
        QCOMPARE(rig.reader.devices[1].statusCalls, 11);
        QCOMPARE(rig.reader.devices[1].walkCalls, 2);
        rig.run(30min);
        QCOMPARE(rig.reader.devices[1].walkCalls, 2);
        // A failed walk is retried on the next poll.
        rig.reader.devices[1].marker = "2";
        rig.reader.devices[1].walkOutcome = ReadOutcome::Timeout;
        rig.run(10min);
        QCOMPARE(rig.reader.devices[1].walkCalls, 3);
        rig.reader.devices[1].walkOutcome = ReadOutcome::Ok;
        rig.run(10min);
        QCOMPARE(rig.reader.devices[1].walkCalls, 4);
        rig.run(10min);
        QCOMPARE(rig.reader.devices[1].walkCalls, 4);
        QCOMPARE(rig.scheduler->stats().alertWalks, 4u);
    }

    // An alert raised on the device is in the database within one alert
    // interval and is closed when it clears.
    void alertRaisedStoredAndClosed()
    {
        Rig rig(5);
        const auto interval = std::chrono::duration_cast<milliseconds>(rig.info(2).alertInterval);
        QCOMPARE(interval, milliseconds(2min));
        rig.run(5min);
        rig.reader.devices[2].alerts = {jam()};
        rig.reader.devices[2].marker = "jam";
        const auto raisedAt = rig.clock.monotonic();
        milliseconds waited{0};
        while (rig.count("SELECT count(*) FROM device_alerts WHERE device_id = 2 AND cleared_at IS NULL") == 0) {
            rig.run(1s);
            waited += 1s;
            QVERIFY2(waited <= interval, "alert not stored within one alert interval");
        }
        Q_UNUSED(raisedAt)
        QCOMPARE(rig.t.db->scalar("SELECT description FROM device_alerts")->toString(), QStringLiteral("Paper jam"));
        rig.reader.devices[2].alerts.clear();
        rig.reader.devices[2].marker = "clear";
        waited = 0ms;
        while (rig.count("SELECT count(*) FROM device_alerts WHERE cleared_at IS NOT NULL") == 0) {
            rig.run(1s);
            waited += 1s;
            QVERIFY2(waited <= interval, "alert not closed within one alert interval");
        }
        QCOMPARE(rig.count("SELECT count(*) FROM device_alerts"), 1);
        QVERIFY(rig.count("SELECT cleared_at - raised_at FROM device_alerts") > 0);
    }

    void counterResetIsFlagged()
    {
        SchedulerOptions options;
        options.policy = PolicyKind::Fixed;
        Rig rig(1, options); // High: counters every 75 minutes
        rig.reader.devices[1].counters = {{QStringLiteral("total"), 5000}};
        rig.run(75min);
        rig.reader.devices[1].counters = {{QStringLiteral("total"), 5200}};
        rig.run(75min);
        rig.reader.devices[1].counters = {{QStringLiteral("total"), 40}}; // device swapped
        rig.run(75min);
        rig.reader.devices[1].counters = {{QStringLiteral("total"), 90}};
        rig.run(75min);
        QCOMPARE(rig.count("SELECT count(*) FROM counter_readings"), 4);
        QCOMPARE(rig.count("SELECT count(*) FROM counter_readings WHERE reset = 1 AND value = 40 AND usage IS NULL"),
                 1);
        QCOMPARE(rig.count("SELECT sum(usage) FROM counter_readings"), 250);
        QCOMPARE(rig.count("SELECT count(*) FROM counter_readings WHERE usage < 0"), 0);
    }

    void offlineDeviceComesBackWithHistoryIntact()
    {
        SchedulerOptions options;
        options.policy = PolicyKind::Fixed;
        Rig rig(2, options);
        rig.reader.devices[1].counters = {{QStringLiteral("total"), 100}};
        rig.reader.devices[1].alerts = {jam()};
        rig.run(80min);
        QCOMPARE(rig.info(1).status, std::optional<DeviceStatus>(DeviceStatus::Online));
        rig.reader.devices[1].outcome = ReadOutcome::Timeout;
        rig.run(20min);
        QCOMPARE(rig.info(1).status, std::optional<DeviceStatus>(DeviceStatus::Offline));
        rig.reader.devices[1].outcome = ReadOutcome::Ok;
        rig.reader.devices[1].power = DevicePowerState::Sleeping;
        rig.run(20min);
        QCOMPARE(rig.info(1).status, std::optional<DeviceStatus>(DeviceStatus::Sleeping));
        rig.reader.devices[1].power = DevicePowerState::Online;
        rig.run(20min);
        QCOMPARE(rig.info(1).status, std::optional<DeviceStatus>(DeviceStatus::Online));
        QCOMPARE(rig.t.db
                     ->scalar("SELECT group_concat(status) FROM (SELECT status FROM device_status_events "
                              "WHERE device_id = 1 ORDER BY id)")
                     ->toString(),
                 QStringLiteral("online,offline,sleeping,online"));
        QCOMPARE(rig.count("SELECT count(*) FROM counter_readings WHERE device_id = 1"), 1);
        QCOMPARE(rig.count("SELECT count(*) FROM device_alerts WHERE device_id = 1 AND cleared_at IS NULL"), 1);
        rig.reader.devices[1].outcome = ReadOutcome::AuthFailure;
        rig.run(10min);
        QCOMPARE(rig.info(1).status, std::optional<DeviceStatus>(DeviceStatus::AuthFailure));
    }

    void ratingsHalveEvery24Hours()
    {
        Rig rig(4);
        QCOMPARE(rig.info(1).rating, 16.0);
        rig.clock.advance(24h - 1s);
        QCOMPARE(rig.info(1).rating, 16.0);
        rig.clock.advance(1s);
        QCOMPARE(rig.info(1).rating, 8.0);
        rig.clock.advance(24h);
        QCOMPARE(rig.info(1).rating, 4.0);
        rig.clock.advance(48h);
        QCOMPARE(rig.info(1).rating, 1.0);
        rig.scheduler->flushRatings();
        QCOMPARE(rig.t.db->scalar("SELECT rating FROM device_activity WHERE device_id = 1")->toDouble(), 1.0);
        // Survives a restart: the halving clock is persisted too.
        rig.scheduler.reset();
        PollScheduler again(*rig.t.db, rig.clock, SchedulerOptions{});
        again.start();
        QCOMPARE(again.deviceInfo(1)->rating, 1.0);
        rig.clock.advance(24h);
        QCOMPARE(again.deviceInfo(1)->rating, 0.5);
    }

    // An alert moves a Low device up; a pinned device stays put.
    void alertMovesLowDeviceUpPinnedStaysPut()
    {
        Rig rig(10);
        rig.clock.advance(96h); // 16 -> 1: no longer new, rating below the Middle threshold
        for (std::int64_t id = 1; id <= 10; ++id) {
            QCOMPARE(rig.info(id).category, Priority::Low);
        }
        QVERIFY(rig.scheduler->pinCategory(5, Priority::Low));
        QVERIFY(rig.scheduler->pinCategory(6, Priority::VeryHigh));
        QVERIFY(!rig.scheduler->pinCategory(99, Priority::Low));
        QCOMPARE(rig.info(6).category, Priority::VeryHigh);
        QCOMPARE(rig.info(6).alertInterval, std::chrono::seconds(1min));
        QSignalSpy moved(rig.scheduler.get(), &PollScheduler::categoryChanged);
        for (std::int64_t id : {3, 5}) {
            rig.reader.devices[id].alerts = {jam()};
            rig.reader.devices[id].marker = "jam";
        }
        rig.run(5min); // more than one Low alert interval (4 min)
        QVERIFY(rig.info(3).rating > 30.0);
        QCOMPARE(rig.info(3).category, Priority::High);
        QVERIFY2(rig.info(3).why.contains(QStringLiteral("alert raised: Paper jam")), qPrintable(rig.info(3).why));
        QCOMPARE(rig.info(3).alertInterval, std::chrono::seconds(2min));
        QVERIFY(moved.count() >= 1);
        QVERIFY(rig.info(5).rating > 30.0);
        QCOMPARE(rig.info(5).category, Priority::Low); // pinned
        QVERIFY(rig.info(5).why.contains(QStringLiteral("pinned")));
        const QJsonObject json = rig.info(3).toJson();
        QCOMPARE(json.value(QStringLiteral("category")).toString(), QStringLiteral("high"));
        QVERIFY(!json.value(QStringLiteral("nextAlertPoll")).toString().isEmpty());
        rig.clock.advance(72h);
        QCOMPARE(rig.info(6).category, Priority::VeryHigh);
        QCOMPARE(rig.t.db->scalar("SELECT pinned_category FROM device_activity WHERE device_id = 6")->toString(),
                 QStringLiteral("very_high"));
        QVERIFY(rig.scheduler->pinCategory(6, std::nullopt));
        QCOMPARE(rig.info(6).category, Priority::Low);
    }

    void nextPollTimesAreShown()
    {
        Rig rig(3);
        const auto info = rig.info(2);
        const QDateTime now = rig.clock.nowUtc();
        QVERIFY(info.nextAlertPoll > now);
        QVERIFY(info.nextAlertPoll <= now.addSecs(info.alertInterval.count()));
        QVERIFY(info.nextCounterPoll > now);
        QVERIFY(info.nextCounterPoll <= now.addSecs(info.counterInterval.count()));
        QVERIFY2(info.why.contains(QStringLiteral("25-1")), qPrintable(info.why));
        rig.clock.advance(std::chrono::duration_cast<milliseconds>(info.nextAlertPoll - now) + 0ms);
        QCOMPARE(rig.reader.devices[2].statusCalls, 1);
    }

    // A big forward jump neither bursts nor stalls; a wall-clock step back
    // changes nothing.
    void clockJumpsNeitherBurstNorStall()
    {
        SchedulerOptions options;
        options.policy = PolicyKind::Fixed;
        Rig rig(300, options); // alerts every 10 minutes
        rig.run(20min);
        const auto before = rig.starts.size();
        rig.clock.advance(3h);
        // Only polls due within the grace period before "now" may start at once.
        QVERIFY2(rig.starts.size() - before <= 5, qPrintable(QString::number(rig.starts.size() - before)));
        const auto jumpAt = rig.clock.monotonic();
        rig.run(10min);
        std::map<qint64, int> perSecond;
        for (std::int64_t id = 1; id <= 300; ++id) {
            QVERIFY2(rig.startsOf(id, PollKind::Alert, jumpAt) >= 1, qPrintable(QString::number(id)));
        }
        for (const Start &s : rig.starts) {
            if (s.at >= jumpAt) {
                ++perSecond[s.at.count() / 1000];
            }
        }
        for (const auto &[sec, n] : perSecond) {
            QVERIFY2(n <= 4, qPrintable(QStringLiteral("%1 polls in one second").arg(n)));
        }
        QVERIFY(rig.scheduler->stats().resloted > 0);

        // Wall clock back by an hour, then forward by two: monotonic timing is unaffected.
        const auto beforeWall = rig.starts.size();
        rig.clock.setWallClock(rig.clock.nowUtc().addSecs(-3600));
        rig.clock.setWallClock(rig.clock.nowUtc().addSecs(7200));
        QCOMPARE(rig.starts.size(), beforeWall);
        const auto wallAt = rig.clock.monotonic();
        rig.run(10min);
        for (std::int64_t id = 1; id <= 300; ++id) {
            QCOMPARE(rig.startsOf(id, PollKind::Alert, wallAt), 1);
        }
    }

    // With 5% of devices never answering, nobody else is delayed.
    void deadDevicesDelayNobody()
    {
        SchedulerOptions options;
        options.policy = PolicyKind::Fixed; // alerts every 10 min
        options.maxConcurrentPolls = 4;
        options.maxConcurrentSuspectPolls = 2;
        options.pollDeadline = 5min;
        options.slowPollAfter = 2s;
        test::ManualClock clock;
        test::PollingTestDb t(200);
        test::FakeDeviceReader reader(clock);
        reader.latency = 300ms;
        for (std::int64_t id = 1; id <= 200; id += 20) {
            reader.devices[id].dead = true; // 10 of 200
        }
        PollScheduler scheduler(*t.db, clock, options);
        std::vector<Start> starts;
        scheduler.onPollStarted = [&](std::int64_t id, PollKind k, milliseconds late) {
            starts.push_back(Start{id, k, clock.monotonic(), late});
        };
        scheduler.setReader(&reader);
        scheduler.start();
        for (int i = 0; i < 40 * 60 * 10; ++i) { // 40 minutes in 100 ms steps
            clock.advance(100ms);
            reader.deliverDue();
        }
        milliseconds worst{0};
        int live = 0;
        for (const Start &s : starts) {
            if (!reader.devices[s.deviceId].dead) {
                worst = std::max(worst, s.lateness);
                ++live;
            }
        }
        QVERIFY2(worst <= 100ms, qPrintable(QStringLiteral("live poll started %1 ms late").arg(worst.count())));
        QVERIFY(live >= 190 * 4);
        QVERIFY(reader.hung > 0);
        QVERIFY(scheduler.stats().deadlineExpired > 0);
        QVERIFY(scheduler.stats().demotedSlow > 0);
        QCOMPARE(scheduler.deviceInfo(21)->status, std::optional<DeviceStatus>(DeviceStatus::Offline));
        QCOMPARE(scheduler.deviceInfo(22)->status, std::optional<DeviceStatus>(DeviceStatus::Online));
    }

    // A reader that answers late (after the deadline) is ignored safely.
    void lateAnswersAreIgnored()
    {
        SchedulerOptions options;
        options.pollDeadline = 10s;
        Rig rig(1, options);
        rig.reader.latency = 20s;
        rig.scheduler->pollNow(1);
        rig.run(11s);
        QCOMPARE(rig.scheduler->stats().deadlineExpired, 2u); // status and counters
        QCOMPARE(rig.scheduler->inFlight(), 0);
        rig.run(20s); // the late answers arrive and are dropped
        QCOMPARE(rig.info(1).status, std::optional<DeviceStatus>(DeviceStatus::Offline));
    }

    void withoutReaderNothingIsPolled()
    {
        test::ManualClock clock;
        test::PollingTestDb t(5);
        test::FakeDeviceReader reader(clock); // outlives the scheduler
        PollScheduler scheduler(*t.db, clock, SchedulerOptions{});
        scheduler.start();
        QCOMPARE(scheduler.deviceCount(), 5);
        clock.advance(1h);
        QVERIFY(scheduler.deviceInfo(1));
        QCOMPARE(scheduler.stats().alertPolls, 0u);
        scheduler.setReader(&reader);
        clock.advance(3min);
        QVERIFY(reader.statusCalls >= 5);
    }

    void retentionIsConfigurable()
    {
        Rig rig(1);
        QCOMPARE(rig.scheduler->retention().counterDays, 400);
        QCOMPARE(rig.scheduler->retention().statusDays, 90);
        rig.scheduler->setRetention(Retention{30, 31, 7, 100000});
        QCOMPARE(rig.scheduler->retention().clearedAlertDays, 36500); // bounded
        rig.t.db->exec("UPDATE settings SET value = 'lots' WHERE key = 'polling.retention.supplies_days'");
        rig.scheduler.reset();
        PollScheduler again(*rig.t.db, rig.clock, SchedulerOptions{});
        again.start();
        QCOMPARE(again.retention().counterDays, 30);
        QCOMPARE(again.retention().supplyDays, 400); // invalid setting: default
        QCOMPARE(again.retention().statusDays, 7);
    }

    // Retention pruning runs in the background, one batch per event-loop turn.
    void pruningRunsInBatchesBetweenPolls()
    {
        SchedulerOptions options;
        options.pruneEvery = 1h;
        options.pruneBatchRows = 100;
        Rig rig(1, options);
        {
            storage::Transaction tx(*rig.t.db);
            storage::Statement st(*rig.t.db, "INSERT INTO counter_readings(device_id, counter, read_at, value) "
                                             "VALUES(1, 'total', 0, ?1)");
            for (int i = 0; i < 1000; ++i) {
                st.bind(1, i);
                st.run();
            }
            tx.commit();
        }
        rig.run(1h + 1s);
        QCOMPARE(rig.count("SELECT count(*) FROM counter_readings WHERE read_at = 0"), 1000); // not yet: queued
        QCoreApplication::processEvents();
        QVERIFY(rig.count("SELECT count(*) FROM counter_readings WHERE read_at = 0") >= 800); // one batch per turn
        QTRY_COMPARE(rig.count("SELECT count(*) FROM counter_readings WHERE read_at = 0"), 0);
        QVERIFY(rig.scheduler->stats().pruneSteps >= 10);
    }
};

QTEST_GUILESS_MAIN(TestPollScheduler)
#include "TestPollScheduler.moc"
