// The dashboard answer is read strictly: required counts, their range, the
// uplink state, and bounds on texts and on the number of alerts.
#include "DashboardSnapshot.h"

#include <QJsonArray>
#include <QTest>

using netgateway::desktop::DashboardSnapshot;

namespace {

QJsonObject answer()
{
    return QJsonObject{
        {QStringLiteral("devices"), QJsonObject{{QStringLiteral("total"), 12},
                                                {QStringLiteral("online"), 9},
                                                {QStringLiteral("sleeping"), 1},
                                                {QStringLiteral("offline"), 1},
                                                {QStringLiteral("error"), 1},
                                                {QStringLiteral("pending"), 0}}},
        {QStringLiteral("alerts"),
         QJsonObject{{QStringLiteral("critical"), 2}, {QStringLiteral("warning"), 3}, {QStringLiteral("other"), 1}}},
        {QStringLiteral("uplink"), QJsonObject{{QStringLiteral("state"), QStringLiteral("error")},
                                               {QStringLiteral("queueDepth"), 42},
                                               {QStringLiteral("lastError"), QStringLiteral("proxy refused")}}},
        {QStringLiteral("recentAlerts"),
         QJsonArray{QJsonObject{{QStringLiteral("deviceName"), QStringLiteral("floor2")},
                                {QStringLiteral("address"), QStringLiteral("192.0.2.7")},
                                {QStringLiteral("severity"), QStringLiteral("critical")},
                                {QStringLiteral("description"), QStringLiteral("Door open")},
                                {QStringLiteral("raisedAt"), QStringLiteral("2026-03-01T10:00:00Z")}}}},
        {QStringLiteral("version"), QStringLiteral("0.1.0")}};
}

} // namespace

class TestDashboardSnapshot : public QObject {
    Q_OBJECT
private slots:
    void readsTheAnswer()
    {
        const auto s = DashboardSnapshot::fromJson(answer());
        QVERIFY(s);
        QCOMPARE(s->devicesTotal, qint64(12));
        QCOMPARE(s->devicesOnline, qint64(9));
        QCOMPARE(s->devicesOffline, qint64(1));
        QCOMPARE(s->devicesInError, qint64(1));
        QCOMPARE(s->openAlerts(), qint64(6));
        QCOMPARE(s->uplinkState, QStringLiteral("error"));
        QCOMPARE(s->uplinkError, QStringLiteral("proxy refused"));
        QCOMPARE(s->queueDepth, qint64(42));
        QCOMPARE(s->recentAlerts.size(), qsizetype(1));
        QCOMPARE(s->recentAlerts.first().device, QStringLiteral("floor2"));
        QCOMPARE(s->recentAlerts.first().raisedAt, QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC));
    }

    void refusesBadValues_data()
    {
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("negative count") << QStringLiteral("devices") << QStringLiteral("total") << QJsonValue(-1);
        QTest::newRow("fraction") << QStringLiteral("devices") << QStringLiteral("online") << QJsonValue(1.5);
        QTest::newRow("text count") << QStringLiteral("alerts") << QStringLiteral("critical")
                                    << QJsonValue(QStringLiteral("2"));
        QTest::newRow("missing count") << QStringLiteral("devices") << QStringLiteral("error")
                                       << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("huge") << QStringLiteral("uplink") << QStringLiteral("queueDepth") << QJsonValue(1e15);
        QTest::newRow("unknown uplink state")
            << QStringLiteral("uplink") << QStringLiteral("state") << QJsonValue(QStringLiteral("maybe"));
    }
    void refusesBadValues()
    {
        QFETCH(QString, object);
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QJsonObject a = answer();
        QJsonObject inner = a.value(object).toObject();
        if (value.isUndefined()) {
            inner.remove(key);
        } else {
            inner.insert(key, value);
        }
        a.insert(object, inner);
        QVERIFY(!DashboardSnapshot::fromJson(a));
    }

    void boundsTextsAndAlerts()
    {
        QJsonObject a = answer();
        QJsonArray alerts;
        for (int i = 0; i < 500; ++i) {
            alerts.append(QJsonObject{{QStringLiteral("description"), QString(5000, QLatin1Char('x'))}});
        }
        a.insert(QStringLiteral("recentAlerts"), alerts);
        const auto s = DashboardSnapshot::fromJson(a);
        QVERIFY(s);
        QCOMPARE(s->recentAlerts.size(), qsizetype(DashboardSnapshot::kMaxAlerts));
        QCOMPARE(s->recentAlerts.first().description.size(), qsizetype(DashboardSnapshot::kMaxText));
    }
};

QTEST_GUILESS_MAIN(TestDashboardSnapshot)
#include "TestDashboardSnapshot.moc"
