// The compressed test clock behind netgatewayd --clock-speed, and the
// option's refusal outside tests.
#include "DaemonProcess.h"
#include "TempDataDir.h"

#include <netgateway/core/ScaledClock.h>

#include <QElapsedTimer>
#include <QTest>

using namespace netgateway;
using namespace std::chrono_literals;

class TestScaledClock : public QObject {
    Q_OBJECT
private slots:
    void conversionsFollowTheSpeed()
    {
        core::ScaledClock clock(48.0);
        QCOMPARE(clock.speed(), 48.0);
        QCOMPARE(clock.timerDelay(std::chrono::minutes(1)), 1250ms); // a minute of service time in 1.25 s
        QCOMPARE(clock.fromRealTime(5s), std::chrono::milliseconds(240'000));
        core::SystemClock system;
        QCOMPARE(system.speed(), 1.0);
        QCOMPARE(system.timerDelay(60s), std::chrono::milliseconds(60'000));
        QCOMPARE(system.fromRealTime(5s), std::chrono::milliseconds(5'000));
    }

    void timeRunsFasterThanRealTime()
    {
        QElapsedTimer real;
        real.start();
        core::ScaledClock clock(1000.0);
        const QDateTime wallStart = clock.nowUtc();
        // Ten seconds of service time pass in about ten real milliseconds.
        QTRY_VERIFY_WITH_TIMEOUT(clock.monotonic() >= 10s, 5000);
        // Service time read first: the clock started after `real`, so it can
        // never be ahead of 1000 x the real time read afterwards.
        const auto service = clock.monotonic();
        const qint64 realMs = real.elapsed();
        QVERIFY2(realMs < 1000, qPrintable(QString::number(realMs)));
        QVERIFY(service <= std::chrono::milliseconds((realMs + 1) * 1000));
        QVERIFY(wallStart.msecsTo(clock.nowUtc()) >= 10'000);
        // Monotonic never goes backwards.
        auto last = clock.monotonic();
        for (int i = 0; i < 1000; ++i) {
            const auto now = clock.monotonic();
            QVERIFY(now >= last);
            last = now;
        }
    }

    void nonPositiveSpeedFallsBackToRealTime() { QCOMPARE(core::ScaledClock(0.0).speed(), 1.0); }

    void daemonRefusesTheOptionOutsideTests()
    {
        test::TempDataDir dir;
        qunsetenv("NETGATEWAY_ALLOW_TEST_OPTIONS");
        const auto r = test::DaemonProcess::run(QStringLiteral(NETGATEWAYD_PATH),
                                                {QStringLiteral("--foreground"), QStringLiteral("--data-dir"),
                                                 dir.path(), QStringLiteral("--clock-speed"), QStringLiteral("48")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--clock-speed is for tests only"), r.err.constData());
        QVERIFY2(r.err.contains("NETGATEWAY_ALLOW_TEST_OPTIONS=1"), r.err.constData());
    }

    void daemonRefusesABadSpeed()
    {
        test::TempDataDir dir;
        qputenv("NETGATEWAY_ALLOW_TEST_OPTIONS", "1");
        const auto r = test::DaemonProcess::run(QStringLiteral(NETGATEWAYD_PATH),
                                                {QStringLiteral("--foreground"), QStringLiteral("--data-dir"),
                                                 dir.path(), QStringLiteral("--clock-speed"), QStringLiteral("0.5")});
        qunsetenv("NETGATEWAY_ALLOW_TEST_OPTIONS");
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("is not a number from 1 to 10000"), r.err.constData());
        // Hidden from --help.
        const auto help = test::DaemonProcess::run(QStringLiteral(NETGATEWAYD_PATH), {QStringLiteral("--help")});
        QVERIFY(!help.out.contains("clock-speed"));
        QVERIFY(help.out.contains("--data-dir"));
    }
};

QTEST_GUILESS_MAIN(TestScaledClock)
#include "TestScaledClock.moc"
