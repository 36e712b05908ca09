#include <netgateway/core/polling/PollingPolicy.h>

#include <QTest>

using namespace netgateway::core::polling;
using namespace std::chrono_literals;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

seconds mins(double m)
{
    return seconds(static_cast<long long>(m * 60));
}

seconds hours(double h)
{
    return seconds(static_cast<long long>(h * 3600));
}

} // namespace

class TestPollingPolicy : public QObject {
    Q_OBJECT
private slots:
    void alertTiersChangeExactlyAtBorders_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("tier");
        const std::pair<int, int> rows[] = {{0, 4},   {1, 4},    {25, 4},   {26, 3},   {100, 3},  {101, 2},  {300, 2},
                                            {301, 1}, {1000, 1}, {1001, 0}, {2000, 0}, {2001, 0}, {50000, 0}};
        for (const auto &[count, tier] : rows) {
            QTest::addRow("%d devices", count) << count << tier;
        }
    }
    void alertTiersChangeExactlyAtBorders()
    {
        QFETCH(int, count);
        QFETCH(int, tier);
        QCOMPARE(alertTier(count), tier);
    }

    void counterTiersChangeExactlyAtBorders_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("tier");
        const std::pair<int, int> rows[] = {{0, 4},   {1, 4},   {26, 4},   {100, 4},  {101, 3},  {200, 3}, {201, 2},
                                            {600, 2}, {601, 1}, {1000, 1}, {1001, 0}, {2000, 0}, {2001, 0}};
        for (const auto &[count, tier] : rows) {
            QTest::addRow("%d devices", count) << count << tier;
        }
    }
    void counterTiersChangeExactlyAtBorders()
    {
        QFETCH(int, count);
        QFETCH(int, tier);
        QCOMPARE(counterTier(count), tier);
    }

    // Every category, on both sides of every alert border, adaptive policy.
    void adaptiveAlertIntervalsAtBorders_data()
    {
        QTest::addColumn<int>("priority");
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("expectedMinutes");
        // Columns: 2000-1001 / 1000-301 / 300-101 / 100-26 / 25-1.
        const double table[4][5] = {
            {120, 60, 15, 5, 1}, {150, 75, 30, 10, 2}, {180, 90, 45, 15, 3}, {210, 105, 60, 20, 4}};
        const std::pair<int, int> counts[] = {{1, 4},   {25, 4},   {26, 3},   {100, 3},  {101, 2},  {300, 2},
                                              {301, 1}, {1000, 1}, {1001, 0}, {2000, 0}, {2001, 0}, {10000, 0}};
        for (int p = 0; p < 4; ++p) {
            for (const auto &[count, column] : counts) {
                QTest::addRow("%s, %d devices", qPrintable(priorityName(static_cast<Priority>(p))), count)
                    << p << count << table[p][column];
            }
        }
    }
    void adaptiveAlertIntervalsAtBorders()
    {
        QFETCH(int, priority);
        QFETCH(int, count);
        QFETCH(double, expectedMinutes);
        QCOMPARE(alertInterval(PolicyKind::Adaptive, count, static_cast<Priority>(priority)), mins(expectedMinutes));
    }

    // Every category, on both sides of every counter border, adaptive policy.
    void adaptiveCounterIntervalsAtBorders_data()
    {
        QTest::addColumn<int>("priority");
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("expectedHours");
        // Columns: 2000-1001 / 1000-601 / 600-201 / 200-101 / 100 and below.
        const double table[4][5] = {
            {24, 12, 6, 2, 1.0}, {30, 15, 7.5, 2.5, 1.25}, {36, 18, 9, 3, 1.5}, {42, 21, 10.5, 3.5, 1.75}};
        const std::pair<int, int> counts[] = {{1, 4},   {26, 4},  {100, 4},  {101, 3},  {200, 3},  {201, 2},
                                              {600, 2}, {601, 1}, {1000, 1}, {1001, 0}, {2000, 0}, {2001, 0}};
        for (int p = 0; p < 4; ++p) {
            for (const auto &[count, column] : counts) {
                QTest::addRow("%s, %d devices", qPrintable(priorityName(static_cast<Priority>(p))), count)
                    << p << count << table[p][column];
            }
        }
    }
    void adaptiveCounterIntervalsAtBorders()
    {
        QFETCH(int, priority);
        QFETCH(int, count);
        QFETCH(double, expectedHours);
        QCOMPARE(counterInterval(PolicyKind::Adaptive, count, static_cast<Priority>(priority)), hours(expectedHours));
    }

    // The fixed policy ignores the device count, at the same borders.
    void fixedIntervalsIgnoreTheBorders_data()
    {
        QTest::addColumn<int>("priority");
        QTest::addColumn<int>("count");
        const int counts[] = {1, 25, 26, 100, 101, 200, 201, 300, 301, 600, 601, 1000, 1001, 2000, 2001};
        for (int p = 0; p < 4; ++p) {
            for (int count : counts) {
                QTest::addRow("%s, %d devices", qPrintable(priorityName(static_cast<Priority>(p))), count)
                    << p << count;
            }
        }
    }
    void fixedIntervalsIgnoreTheBorders()
    {
        QFETCH(int, priority);
        QFETCH(int, count);
        const int alertMinutes[] = {5, 10, 15, 20};
        const int counterMinutes[] = {60, 75, 90, 105};
        const auto p = static_cast<Priority>(priority);
        QCOMPARE(alertInterval(PolicyKind::Fixed, count, p), minutes(alertMinutes[priority]));
        QCOMPARE(counterInterval(PolicyKind::Fixed, count, p), minutes(counterMinutes[priority]));
    }

    // Walking the device count from 1 to 2,500, the interval changes exactly
    // at the borders and nowhere else.
    void intervalsChangeOnlyAtTheBorders()
    {
        for (Priority p : kAllPriorities) {
            QList<int> alertChanges;
            QList<int> counterChanges;
            for (int n = 2; n <= 2500; ++n) {
                if (alertInterval(PolicyKind::Adaptive, n, p) != alertInterval(PolicyKind::Adaptive, n - 1, p)) {
                    alertChanges.append(n);
                }
                if (counterInterval(PolicyKind::Adaptive, n, p) != counterInterval(PolicyKind::Adaptive, n - 1, p)) {
                    counterChanges.append(n);
                }
                QCOMPARE(alertInterval(PolicyKind::Fixed, n, p), alertInterval(PolicyKind::Fixed, 1, p));
                QCOMPARE(counterInterval(PolicyKind::Fixed, n, p), counterInterval(PolicyKind::Fixed, 1, p));
            }
            QCOMPARE(alertChanges, (QList<int>{26, 101, 301, 1001}));
            QCOMPARE(counterChanges, (QList<int>{101, 201, 601, 1001}));
        }
    }

    // Lower categories never poll more often than higher ones.
    void categoriesAreOrdered()
    {
        for (int n : {1, 26, 101, 201, 301, 601, 1001, 5000}) {
            for (PolicyKind k : {PolicyKind::Adaptive, PolicyKind::Fixed}) {
                QVERIFY(alertInterval(k, n, Priority::VeryHigh) < alertInterval(k, n, Priority::High));
                QVERIFY(alertInterval(k, n, Priority::High) < alertInterval(k, n, Priority::Middle));
                QVERIFY(alertInterval(k, n, Priority::Middle) < alertInterval(k, n, Priority::Low));
                QVERIFY(counterInterval(k, n, Priority::VeryHigh) < counterInterval(k, n, Priority::High));
                QVERIFY(counterInterval(k, n, Priority::High) < counterInterval(k, n, Priority::Middle));
                QVERIFY(counterInterval(k, n, Priority::Middle) < counterInterval(k, n, Priority::Low));
            }
        }
    }

    void namesRoundTrip()
    {
        for (Priority p : kAllPriorities) {
            QCOMPARE(priorityFromName(priorityName(p)), std::optional<Priority>(p));
        }
        QVERIFY(!priorityFromName(QStringLiteral("urgent")));
        QCOMPARE(policyFromName(QStringLiteral("fixed")), std::optional<PolicyKind>(PolicyKind::Fixed));
        QCOMPARE(policyFromName(QStringLiteral("adaptive")), std::optional<PolicyKind>(PolicyKind::Adaptive));
        QVERIFY(!policyFromName(QStringLiteral("Fixed ")));
        QCOMPARE(priorityLabel(Priority::VeryHigh), QStringLiteral("Very High"));
    }
};

QTEST_GUILESS_MAIN(TestPollingPolicy)
#include "TestPollingPolicy.moc"
