#include "UplinkFixture.h"

#include <QTest>

using namespace netgateway;
using namespace netgateway::test;
using storage::OutboxKind;

class TestOutbox : public QObject {
    Q_OBJECT
private slots:
    void enqueuePeekAcknowledge()
    {
        TempDataDir dir;
        GatewayStorage s(dir.path());
        const auto a =
            s.outbox->enqueue(OutboxKind::Counters, QStringLiteral("SN1"), toJson(countersRecord("SN1", 1, 1000)), 100);
        const auto b =
            s.outbox->enqueue(OutboxKind::Alert, QStringLiteral("SN1"), toJson(alertRecord("SN1", 1, "jam")), 101);
        QVERIFY(a.idempotencyKey != b.idempotencyKey);
        QCOMPARE(s.outbox->count(), 2);
        const auto alerts = s.outbox->peek({OutboxKind::Alert}, 10, 1 << 20);
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.first().idempotencyKey, b.idempotencyKey);
        const auto all = s.outbox->peek({OutboxKind::Alert, OutboxKind::Counters}, 10, 1 << 20);
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.first().id, a.id); // id order
        QCOMPARE(s.outbox->acknowledge({b.idempotencyKey, QStringLiteral("unknown")}), 1);
        QCOMPARE(s.outbox->count(), 1);
        QCOMPARE(s.outbox->usedBytes(), storage::Outbox::accountedBytes(a.payload.size()));
    }

    void enqueueAllCommitsOneBatchInOrder()
    {
        TempDataDir dir;
        GatewayStorage s(dir.path());
        QList<storage::Outbox::NewRecord> batch;
        for (int i = 0; i < 50; ++i) {
            const QString sn = QStringLiteral("SN%1").arg(i);
            batch.append({OutboxKind::Counters, sn, toJson(countersRecord(sn, i, 1000 + i)), 10});
        }
        const auto added = s.outbox->enqueueAll(batch);
        QCOMPARE(added.size(), 50);
        const auto peeked = s.outbox->peek({OutboxKind::Counters}, 100, 1 << 20);
        QCOMPARE(peeked.size(), 50);
        for (int i = 0; i < 50; ++i) {
            QCOMPARE(peeked.at(i).idempotencyKey, added.at(i).idempotencyKey);
            QCOMPARE(peeked.at(i).deviceKey, QStringLiteral("SN%1").arg(i));
        }
    }

    void recordsSurviveReopenWithTheirKeys()
    {
        TempDataDir dir;
        QString key;
        {
            GatewayStorage s(dir.path());
            key = s.outbox->enqueue(OutboxKind::Alert, QStringLiteral("SN1"), toJson(alertRecord("SN1", 1, "x")), 5)
                      .idempotencyKey;
        }
        GatewayStorage again(dir.path());
        const auto r = again.outbox->peek({OutboxKind::Alert}, 10, 1 << 20);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r.first().idempotencyKey, key);
        QVERIFY(again.outbox->usedBytes() > 0);
    }

    void outboxConnectionIsSynchronousFull()
    {
        TempDataDir dir;
        GatewayStorage s(dir.path());
        QCOMPARE(s.outbox->synchronousLevel(), 2); // 2 = FULL
    }

    void oversizedRecordIsRefused()
    {
        TempDataDir dir;
        GatewayStorage s(dir.path());
        const QByteArray huge(storage::Outbox::kMaxRecordBytes + 1, 'x');
        QVERIFY_THROWS_EXCEPTION(storage::StorageError, s.outbox->enqueue(OutboxKind::Logs, QString(), huge, 1));
        QCOMPARE(s.outbox->count(), 0);
    }

    void quotaCoalescesCountersBeforeTouchingAlerts()
    {
        TempDataDir dir;
        GatewayStorage s(dir.path());
        const qint64 day = 86400;
        const qint64 now = 30 * day;
        // 10 devices x 4 snapshots a day x 10 days, plus alerts.
        for (int d = 0; d < 10; ++d) {
            for (int i = 0; i < 10 * 4; ++i) {
                const QString sn = QStringLiteral("SN%1").arg(d);
                s.outbox->enqueue(OutboxKind::Counters, sn, toJson(countersRecord(sn, i, 1000 + i)),
                                  now - 10 * day + i * (day / 4));
            }
        }
        for (int i = 0; i < 20; ++i) {
            s.outbox->enqueue(OutboxKind::Alert, QStringLiteral("SN0"), toJson(alertRecord("SN0", i, "jam")), now - i);
        }
        s.outbox->enqueue(OutboxKind::Discovery, QString(), R"({"ranges":["a"]})", now - 5 * day);
        const int countersBefore = s.outbox->count(OutboxKind::Counters);
        QCOMPARE(countersBefore, 400);
        // A quota a little below the current size: daily coalescing alone fits.
        s.outbox->setQuotaBytes(s.outbox->usedBytes() / 2);
        const auto report = s.outbox->enforceQuota(now);
        QVERIFY(report.coalescedDaily > 0);
        QCOMPARE(report.dropped, 0);
        QCOMPARE(s.outbox->count(OutboxKind::Alert), 20);
        QCOMPARE(s.outbox->count(OutboxKind::Discovery), 1);
        // One snapshot per device per day remains for days older than one day.
        QVERIFY(s.outbox->count(OutboxKind::Counters) <= 10 * 11 + 10 * 4);
        QVERIFY(s.outbox->usedBytes() <= s.outbox->quotaBytes());

        // A tiny quota drops discovery, then counters, and keeps alerts last.
        s.outbox->setQuotaBytes(20 * storage::Outbox::accountedBytes(200));
        const auto second = s.outbox->enforceQuota(now);
        QVERIFY(second.dropped > 0);
        QCOMPARE(s.outbox->count(OutboxKind::Discovery), 0);
        QCOMPARE(s.outbox->count(OutboxKind::Counters), 0);
        QVERIFY(s.outbox->count(OutboxKind::Alert) > 0);
        QVERIFY(s.outbox->usedBytes() <= s.outbox->quotaBytes());
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "TestOutbox.moc"
