// SIGKILL of the process running the uplink while an upload is in flight:
// nothing may be lost and nothing applied twice at the cloud.
#include "EmulatorProcess.h"
#include "UplinkFixture.h"

#include <QProcess>
#include <QTest>

#include <csignal>

using namespace netgateway;
using namespace netgateway::test;
using storage::OutboxKind;

class TestUplinkCrash : public QObject {
    Q_OBJECT
private slots:
    void killedMidUploadLosesNothingAndAppliesNothingTwice()
    {
        TempDataDir emuDir;
        EmulatorProcess emu(emuDir.path());
        QVERIFY(emu.start());
        TempDataDir gwDir;
        QStringList keys;
        {
            GatewayStorage s(gwDir.path());
            for (int i = 0; i < 200; ++i) {
                const QString sn = QStringLiteral("SN%1").arg(i % 10);
                keys << s.outbox->enqueue(OutboxKind::Alert, sn, toJson(alertRecord(sn, i, QStringLiteral("jam"))), i)
                            .idempotencyKey;
            }
        }
        // The first upload is applied by the cloud but never answered.
        QVERIFY(emu.fault(QStringLiteral("stall"), 1));
        QProcess runner;
        runner.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const QStringList args{gwDir.path(), emu.origin(), emu.caFile()};
        runner.start(QStringLiteral(UPLINK_RUNNER_PATH), args);
        QVERIFY(runner.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return emu.stats().value(QStringLiteral("uploads")).toInt() >= 1; }, 15000));
        ::kill(static_cast<pid_t>(runner.processId()), SIGKILL);
        QVERIFY(runner.waitForFinished(5000));
        QCOMPARE(runner.exitStatus(), QProcess::CrashExit);
        const int appliedBeforeKill = emu.stats().value(QStringLiteral("records")).toInt();
        QVERIFY(appliedBeforeKill > 0 && appliedBeforeKill < 200);
        {
            GatewayStorage s(gwDir.path());
            QCOMPARE(s.outbox->count(), 200); // not acknowledged, so all still there
        }

        QProcess again;
        again.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        again.start(QStringLiteral(UPLINK_RUNNER_PATH), args);
        QVERIFY(again.waitForFinished(30000));
        QCOMPARE(again.exitCode(), 0);
        QVERIFY(again.readAllStandardOutput().contains("drained"));

        const QJsonArray got =
            emu.admin("GET", QStringLiteral("/admin/records")).value(QStringLiteral("records")).toArray();
        QCOMPARE(got.size(), 200);
        QStringList receivedKeys;
        for (const QJsonValue &v : got) {
            receivedKeys << v.toObject().value(QStringLiteral("key")).toString();
        }
        QCOMPARE(receivedKeys, keys); // each exactly once, in order
        QCOMPARE(emu.stats().value(QStringLiteral("duplicates")).toInt(), appliedBeforeKill);
        GatewayStorage s(gwDir.path());
        QCOMPARE(s.outbox->count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestUplinkCrash)
#include "TestUplinkCrash.moc"
