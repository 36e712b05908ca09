// The real netgatewayd and netgatewayctl binaries, started as a service
// manager would start them.
#include <netgateway/core/ExitCode.h>
#include <netgateway/core/GatewayService.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/Migrations.h>

#include "DaemonProcess.h"
#include "TempDataDir.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <csignal>

using namespace netgateway;
using core::ExitCode;
using test::DaemonProcess;
using test::TempDataDir;

class TestDaemonLifecycle : public QObject {
    Q_OBJECT
private slots:
    void startsAnswersStatusAndStopsCleanlyOnSigterm()
    {
        TempDataDir dir;
        DaemonProcess daemon(dir.path());
        QVERIFY2(daemon.start(), daemon.standardError().constData());

        const auto status = daemon.ctl({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(status.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(status.out).object();
        QCOMPARE(json.value(QStringLiteral("running")).toBool(), true);
        QCOMPARE(json.value(QStringLiteral("version")).toString(), QStringLiteral(NETGATEWAY_TEST_VERSION));
        QCOMPARE(json.value(QStringLiteral("pid")).toInteger(), daemon.pid());
        QCOMPARE(json.value(QStringLiteral("dataDirectory")).toString(), dir.path());
        QCOMPARE(json.value(QStringLiteral("schemaVersion")).toInt(), storage::Migrations::latestVersion());
        QCOMPARE(json.value(QStringLiteral("deviceCount")).toInteger(), 0);
        QVERIFY(json.value(QStringLiteral("uptimeSeconds")).toInteger() >= 0);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("netgatewayd.lock"))));

        QElapsedTimer stopping;
        stopping.start();
        daemon.signal(SIGTERM);
        QVERIFY(daemon.waitForExit(2000));
        QVERIFY2(stopping.elapsed() < 2000, qPrintable(QString::number(stopping.elapsed())));
        QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
        QCOMPARE(daemon.exitCode(), 0);
        QVERIFY(daemon.notifications().contains(QStringLiteral("STOPPING=1")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("netgatewayd.lock"))));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("netgatewayd.sock"))));

        // With no service, status says so and fails.
        const auto after = daemon.ctl({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(after.exitCode, 3);
        QVERIFY2(after.err.contains("not running"), after.err.constData());
        QCOMPARE(QJsonDocument::fromJson(after.out).object().value(QStringLiteral("running")).toBool(true), false);
    }

    void sigintStopsToo()
    {
        TempDataDir dir;
        DaemonProcess daemon(dir.path());
        QVERIFY(daemon.start());
        daemon.signal(SIGINT);
        QVERIFY(daemon.waitForExit(2000));
        QCOMPARE(daemon.exitCode(), 0);
    }

    void pingsTheWatchdogWhenAsked()
    {
        TempDataDir dir;
        DaemonProcess daemon(dir.path());
        // systemd passes WatchdogSec as WATCHDOG_USEC; the daemon pings at half of it.
        daemon.setEnvironmentVariable(QStringLiteral("WATCHDOG_USEC"), QStringLiteral("400000"));
        QVERIFY(daemon.start());
        QVERIFY(QTest::qWaitFor([&] { return daemon.notifications().count(QStringLiteral("WATCHDOG=1")) >= 2; }, 5000));
    }

    void secondInstanceSaysWhoHoldsTheDirectory()
    {
        TempDataDir dir;
        DaemonProcess first(dir.path());
        QVERIFY(first.start());
        DaemonProcess second(dir.path());
        QVERIFY(!second.start());
        QVERIFY(second.waitForExit(5000));
        QCOMPARE(second.exitCode(), core::toInt(ExitCode::AlreadyRunning));
        const QByteArray err = second.standardError();
        QVERIFY2(err.contains("process " + QByteArray::number(first.pid())), err.constData());
        // The first one is unaffected.
        QCOMPARE(first.ctl({QStringLiteral("status")}).exitCode, 0);
    }

    void lockLeftBySigkillIsRecovered()
    {
        TempDataDir dir;
        {
            DaemonProcess daemon(dir.path());
            QVERIFY(daemon.start());
            daemon.signal(SIGKILL);
            QVERIFY(daemon.waitForExit(5000));
            QVERIFY(QFile::exists(dir.filePath(QStringLiteral("netgatewayd.lock"))));
        }
        DaemonProcess again(dir.path());
        QVERIFY2(again.start(), again.standardError().constData());
        QCOMPARE(again.ctl({QStringLiteral("status")}).exitCode, 0);
    }

    void newerDatabaseIsRefusedWithItsExitCode()
    {
        TempDataDir dir;
        {
            auto db = storage::Database::open(core::GatewayService::databasePath(dir.path()));
            storage::Migrations::apply(*db);
            db->setUserVersion(storage::Migrations::latestVersion() + 1);
        }
        DaemonProcess daemon(dir.path());
        QVERIFY(!daemon.start());
        QVERIFY(daemon.waitForExit(5000));
        QCOMPARE(daemon.exitCode(), core::toInt(ExitCode::DatabaseTooNew));
        QVERIFY2(daemon.standardError().contains("newer release"), daemon.standardError().constData());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("netgatewayd.lock"))));
    }

    void damagedDatabaseIsRefusedWithItsExitCode()
    {
        TempDataDir dir;
        QFile f(core::GatewayService::databasePath(dir.path()));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'Q'));
        f.close();
        DaemonProcess daemon(dir.path());
        QVERIFY(!daemon.start());
        QVERIFY(daemon.waitForExit(5000));
        QCOMPARE(daemon.exitCode(), core::toInt(ExitCode::DatabaseDamaged));
    }

    void badOptionsAreUsageErrors()
    {
        TempDataDir dir;
        auto r = DaemonProcess::run(
            QStringLiteral(NETGATEWAYD_PATH),
            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--ui-port"), QStringLiteral("99999")});
        QCOMPARE(r.exitCode, core::toInt(ExitCode::Usage));
        QVERIFY2(r.err.contains("--ui-port '99999' is not a TCP port"), r.err.constData());
        r = DaemonProcess::run(QStringLiteral(NETGATEWAYD_PATH),
                               {QStringLiteral("--config"), QStringLiteral("/nonexistent.ini")});
        QCOMPARE(r.exitCode, core::toInt(ExitCode::Usage));
        r = DaemonProcess::run(QStringLiteral(NETGATEWAYCTL_PATH), {QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown command 'frobnicate'"));
    }

    void sighupReloadsTheConfiguration()
    {
        TempDataDir dir;
        const QString ini = dir.filePath(QStringLiteral("netgateway.ini"));
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[log]\nlevel=info\n");
        f.close();
        DaemonProcess daemon(dir.path());
        QVERIFY(daemon.start({QStringLiteral("--config"), ini}));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("[log]\nlevel=debug\n");
        f.close();
        const QString log = dir.filePath(QStringLiteral("logs/netgatewayd.log"));
        daemon.signal(SIGHUP);
        QVERIFY(QTest::qWaitFor(
            [&] { return TempDataDir::readAll(log).contains("configuration reloaded: log level debug"); }, 5000));
        // A broken file is refused and the service keeps running.
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("[ui]\nport=none\n");
        f.close();
        daemon.signal(SIGHUP);
        QVERIFY(
            QTest::qWaitFor([&] { return TempDataDir::readAll(log).contains("configuration not reloaded"); }, 5000));
        QCOMPARE(daemon.ctl({QStringLiteral("status")}).exitCode, 0);
    }

    void backupAndRestoreThroughTheCli()
    {
        TempDataDir dir;
        const QString backup = dir.filePath(QStringLiteral("backup.db"));
        DaemonProcess daemon(dir.path());
        QVERIFY(daemon.start());
        {
            auto db = storage::Database::open(core::GatewayService::databasePath(dir.path()));
            db->exec("INSERT INTO devices(serial_number, address, first_seen, last_seen) VALUES('S1','127.0.0.2',1,1)");
        }
        const auto made = daemon.ctl({QStringLiteral("backup"), backup});
        QCOMPARE(made.exitCode, 0);
        QVERIFY2(made.out.contains("backup written to"), made.out.constData());
        QVERIFY(made.out.contains("vault.key"));
        // Restore is refused while the service runs.
        const auto refused = daemon.ctl({QStringLiteral("restore"), backup});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("Stop the service first"), refused.err.constData());
        daemon.signal(SIGTERM);
        QVERIFY(daemon.waitForExit(2000));
        {
            auto db = storage::Database::open(core::GatewayService::databasePath(dir.path()));
            db->exec("DELETE FROM devices");
        }
        const auto restored = daemon.ctl({QStringLiteral("restore"), backup});
        QCOMPARE(restored.exitCode, 0);
        QVERIFY(daemon.start());
        const auto status = daemon.ctl({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(status.out).object().value(QStringLiteral("deviceCount")).toInteger(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDaemonLifecycle)
#include "TestDaemonLifecycle.moc"
