#include <netgateway/core/polling/TelemetryStore.h>

#include "PollingTestDb.h"

#include <QTest>

#include <sqlite3.h>

using namespace netgateway;
using namespace netgateway::core::polling;

namespace {

CountersResult counters(std::initializer_list<std::pair<const char *, std::int64_t>> values)
{
    CountersResult r;
    r.outcome = ReadOutcome::Ok;
    for (const auto &[name, v] : values) {
        r.counters.push_back(CounterValue{QString::fromLatin1(name), v});
    }
    return r;
}

AlertEntry alert(const char *key, AlertSeverity severity, const char *text)
{
    AlertEntry a;
    a.key = QString::fromLatin1(key);
    a.severity = severity;
    a.code = 8;
    a.description = QString::fromLatin1(text);
    return a;
}

int commitHook(void *counter)
{
    ++*static_cast<int *>(counter);
    return 0;
}

} // namespace

class TestTelemetryStore : public QObject {
    Q_OBJECT
private slots:
    void counterGoingBackwardsIsAResetNeverNegativeUsage()
    {
        test::PollingTestDb t(1);
        TelemetryStore store(*t.db);
        QCOMPARE(store.recordCounters(1, counters({{"total", 1000}}), 100).usage, 0);
        QCOMPARE(store.recordCounters(1, counters({{"total", 1500}}), 200).usage, 500);
        QCOMPARE(store.recordCounters(1, counters({{"total", 1500}}), 300).usage, 0); // unchanged: no row
        const auto reset = store.recordCounters(1, counters({{"total", 200}}), 400);
        QCOMPARE(reset.resets, 1);
        QCOMPARE(reset.usage, 0);
        QCOMPARE(store.recordCounters(1, counters({{"total", 300}}), 500).usage, 100);

        storage::Statement st(*t.db, "SELECT read_at, value, usage, reset FROM counter_readings ORDER BY id");
        const QList<QList<qint64>> expected{
            {100, 1000, -1, 0}, {200, 1500, 500, 0}, {400, 200, -1, 1}, {500, 300, 100, 0}};
        QList<QList<qint64>> rows;
        while (st.step()) {
            rows.append({st.int64(0), st.int64(1), st.isNull(2) ? -1 : st.int64(2), st.int64(3)});
        }
        QCOMPARE(rows, expected);
        QCOMPARE(t.count("SELECT count(*) FROM counter_readings WHERE usage < 0"), 0);
    }

    void invalidCountersAndSuppliesAreDropped()
    {
        test::PollingTestDb t(1);
        TelemetryStore store(*t.db);
        CountersResult r = counters({{"total", 10}, {"bad name!", 5}, {"neg", -1}, {"total", 99}});
        r.counters.push_back(CounterValue{QString(65, QLatin1Char('x')), 1});
        r.supplies.push_back(SupplyLevel{QStringLiteral("toner.black"), QStringLiteral("Black\ttoner"), 40, 100});
        r.supplies.push_back(SupplyLevel{QStringLiteral("toner.cyan"), QString(), 140, 100}); // above capacity
        r.supplies.push_back(SupplyLevel{QStringLiteral("waste"), QString(), -3, -2});        // some remaining
        const auto c = store.recordCounters(1, r, 10);
        QCOMPARE(c.rejected, 5);
        QCOMPARE(t.count("SELECT count(*) FROM counter_readings"), 1);
        QCOMPARE(t.count("SELECT value FROM counter_readings"), 10);
        QCOMPARE(t.count("SELECT count(*) FROM supply_levels"), 2);
        QCOMPARE(t.db->scalar("SELECT description FROM supply_levels WHERE supply = 'toner.black'")->toString(),
                 QStringLiteral("Black toner"));

        // Supply history: a row per change only.
        CountersResult next = counters({});
        next.supplies.push_back(SupplyLevel{QStringLiteral("toner.black"), QString(), 40, 100});
        QCOMPARE(store.recordCounters(1, next, 20).supplyChanges, 0);
        next.supplies[0].level = 35;
        QCOMPARE(store.recordCounters(1, next, 30).supplyChanges, 1);
        QCOMPARE(t.count("SELECT count(*) FROM supply_levels WHERE supply = 'toner.black'"), 2);
    }

    void alertLifecycle()
    {
        test::PollingTestDb t(1);
        TelemetryStore store(*t.db);
        auto c = store.applyAlertTable(1, {alert("1:8", AlertSeverity::Warning, "Paper jam")}, 100);
        QCOMPARE(c.raised, 1);
        QCOMPARE(c.firstRaised, QStringLiteral("Paper jam"));
        c = store.applyAlertTable(1, {alert("1:8", AlertSeverity::Warning, "Paper jam")}, 160);
        QCOMPARE(c.raised + c.updated + c.cleared, 0);
        c = store.applyAlertTable(1, {alert("1:8", AlertSeverity::Critical, "Paper jam in tray 2")}, 220);
        QCOMPARE(c.updated, 1);
        c = store.applyAlertTable(1, {}, 280);
        QCOMPARE(c.cleared, 1);
        storage::Statement st(*t.db,
                              "SELECT severity, description, raised_at, updated_at, cleared_at FROM device_alerts");
        QVERIFY(st.step());
        QCOMPARE(st.text(0), QStringLiteral("critical"));
        QCOMPARE(st.text(1), QStringLiteral("Paper jam in tray 2"));
        QCOMPARE(st.int64(2), 100);
        QCOMPARE(st.int64(3), 280);
        QCOMPARE(st.int64(4), 280);
        QVERIFY(!st.step());
        // The same key raised again is a new alert.
        QCOMPARE(store.applyAlertTable(1, {alert("1:8", AlertSeverity::Warning, "Paper jam")}, 300).raised, 1);
        QCOMPARE(store.openAlertCount(1), 1);
        QCOMPARE(t.count("SELECT count(*) FROM device_alerts"), 2);
    }

    void hostileAlertTablesAreBounded()
    {
        test::PollingTestDb t(1);
        TelemetryStore store(*t.db);
        std::vector<AlertEntry> table;
        for (int i = 0; i < 400; ++i) {
            table.push_back(alert(qPrintable(QString::number(i)), AlertSeverity::Other, "x"));
        }
        table.push_back(alert("", AlertSeverity::Other, "empty key"));
        table[0].description = QString(5000, QLatin1Char('A'));
        table[1].key = table[2].key; // duplicate
        const auto c = store.applyAlertTable(1, table, 10);
        QCOMPARE(c.raised, static_cast<int>(AlertTableResult::kMaxAlerts));
        QCOMPARE(c.rejected, 401 - static_cast<int>(AlertTableResult::kMaxAlerts));
        QCOMPARE(t.count("SELECT max(length(description)) FROM device_alerts"), AlertEntry::kMaxDescriptionChars);
    }

    void statusTransitionsOnly()
    {
        test::PollingTestDb t(1);
        TelemetryStore store(*t.db);
        QVERIFY(!store.lastStatus(1));
        QVERIFY(store.recordStatus(1, DeviceStatus::Online, 10, QString()));
        QVERIFY(!store.recordStatus(1, DeviceStatus::Online, 20, QString()));
        QVERIFY(store.recordStatus(1, DeviceStatus::Sleeping, 30, QString()));
        QVERIFY(store.recordStatus(1, DeviceStatus::Offline, 40, QStringLiteral("timeout")));
        QVERIFY(store.recordStatus(1, DeviceStatus::AuthFailure, 50, QString()));
        QCOMPARE(t.db->scalar("SELECT group_concat(status) FROM device_status_events")->toString(),
                 QStringLiteral("online,sleeping,offline,auth_failure"));
        TelemetryStore reopened(*t.db);
        QCOMPARE(reopened.lastStatus(1), std::optional<DeviceStatus>(DeviceStatus::AuthFailure));
    }

    void telemetryFollowsItsDevice()
    {
        test::PollingTestDb t(2);
        TelemetryStore store(*t.db);
        store.recordCounters(1, counters({{"total", 5}}), 1);
        store.recordStatus(1, DeviceStatus::Online, 1, QString());
        store.recordCounters(2, counters({{"total", 5}}), 1);
        t.db->exec("DELETE FROM devices WHERE id = 1");
        QCOMPARE(t.count("SELECT count(*) FROM counter_readings"), 1);
        QCOMPARE(t.count("SELECT count(*) FROM device_status_events"), 0);
    }

    // A prune of a big table is split into bounded transactions.
    void pruneRunsInBoundedTransactions()
    {
        test::PollingTestDb t(3);
        constexpr qint64 kDay = 86400;
        const qint64 now = 1000 * kDay;
        {
            storage::Transaction tx(*t.db);
            storage::Statement st(*t.db, "INSERT INTO counter_readings(device_id, counter, read_at, value) "
                                         "VALUES(?1, 'total', ?2, ?3)");
            for (int i = 0; i < 12000; ++i) {
                // 10,000 rows older than 400 days, 2,000 recent ones.
                const qint64 at = i < 10000 ? now - 401 * kDay - i : now - 10 * kDay - i;
                st.bind(1, i % 3 + 1).bind(2, at).bind(3, i);
                st.run();
            }
            storage::Statement s2(*t.db, "INSERT INTO device_status_events(device_id, at, status) VALUES(?1, ?2, ?3)");
            for (int i = 0; i < 300; ++i) {
                s2.bind(1, 1).bind(2, now - 200 * kDay + i).bind(3, QString::fromLatin1(i % 2 ? "online" : "offline"));
                s2.run();
            }
            tx.commit();
        }
        TelemetryStore store(*t.db);
        int commits = 0;
        sqlite3_commit_hook(t.db->handle(), commitHook, &commits);
        int steps = 0;
        int deleted = 0;
        int largest = 0;
        for (;;) {
            const auto step = store.pruneStep(Retention{}, now, 1000);
            ++steps;
            deleted += step.deleted;
            largest = std::max(largest, step.deleted);
            if (!step.more) {
                break;
            }
            QVERIFY(steps < 100);
        }
        sqlite3_commit_hook(t.db->handle(), nullptr, nullptr);
        QCOMPARE(deleted, 10000 + 299);
        QCOMPARE(largest, 1000);
        QVERIFY2(steps >= 11, qPrintable(QString::number(steps)));
        QVERIFY(commits >= 11); // at least one transaction per batch, never one big one
        QCOMPARE(t.count("SELECT count(*) FROM counter_readings"), 2000);
        // The newest status row is kept: it is the current status.
        QCOMPARE(t.count("SELECT count(*) FROM device_status_events"), 1);
    }

    void retentionZeroKeepsForever()
    {
        test::PollingTestDb t(1);
        t.db->exec("INSERT INTO counter_readings(device_id, counter, read_at, value) VALUES(1, 'total', 0, 1)");
        TelemetryStore store(*t.db);
        Retention keep;
        keep.counterDays = 0;
        QCOMPARE(store.pruneStep(keep, 1000 * 86400, 10).deleted, 0);
        QCOMPARE(store.pruneStep(Retention{}, 1000 * 86400, 10).deleted, 1);
    }
};

QTEST_GUILESS_MAIN(TestTelemetryStore)
#include "TestTelemetryStore.moc"
