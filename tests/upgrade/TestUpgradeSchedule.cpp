#include <netgateway/upgrade/UpgradeSchedule.h>

#include <QTest>

using netgateway::upgrade::UpgradeSchedule;

namespace {
QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute), Qt::UTC);
}
} // namespace

class TestUpgradeSchedule : public QObject {
    Q_OBJECT
private slots:
    void offOrUnsetMeansNever()
    {
        const UpgradeSchedule off{false, QTime(3, 0)};
        const UpgradeSchedule unset{true, QTime()};
        QVERIFY(!off.nextCheck(utc(1, 0), {}).isValid());
        QVERIFY(!unset.nextCheck(utc(1, 0), {}).isValid());
    }

    void firstCheckIsTheNextSlot()
    {
        const UpgradeSchedule s{true, QTime(3, 30)};
        QCOMPARE(s.nextCheck(utc(1, 2), {}), utc(1, 3, 30));
        QCOMPARE(s.nextCheck(utc(1, 3, 30), {}), utc(1, 3, 30));
        QCOMPARE(s.nextCheck(utc(1, 4), {}), utc(2, 3, 30));
    }

    void onceADayAfterTheLastCheck()
    {
        const UpgradeSchedule s{true, QTime(3, 30)};
        QCOMPARE(s.nextCheck(utc(1, 3, 31), utc(1, 3, 30)), utc(2, 3, 30));
        QCOMPARE(s.nextCheck(utc(2, 1), utc(1, 3, 30)), utc(2, 3, 30));
        // Off for three days: the missed check is due at once.
        QVERIFY(s.nextCheck(utc(5, 1), utc(1, 3, 30)) <= utc(5, 1));
    }

    void wallClockSteppedBack()
    {
        const UpgradeSchedule s{true, QTime(3, 30)};
        QCOMPARE(s.nextCheck(utc(1, 2), utc(9, 3, 30)), utc(1, 3, 30));
    }

    void acrossMonthEnd()
    {
        const UpgradeSchedule s{true, QTime(23, 0)};
        QCOMPARE(s.nextCheck(QDateTime(QDate(2026, 2, 28), QTime(23, 30), Qt::UTC), {}),
                 QDateTime(QDate(2026, 3, 1), QTime(23, 0), Qt::UTC));
    }
};

QTEST_GUILESS_MAIN(TestUpgradeSchedule)
#include "TestUpgradeSchedule.moc"
