// End to end: netgatewayctl discovery add|list|show|delete against the real
// daemon, over the control channel, into the real database.
#include <netgateway/core/GatewayService.h>
#include <netgateway/storage/Database.h>

#include "DaemonProcess.h"
#include "TempDataDir.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QTest>

#include <csignal>

using namespace netgateway;
using test::DaemonProcess;

class TestDiscoveryCli : public QObject {
    Q_OBJECT
private slots:
    void addListShowDelete()
    {
        test::TempDataDir dir;
        DaemonProcess daemon(dir.path());
        QVERIFY2(daemon.start(), daemon.standardError().constData());

        const QByteArray community = "cli-Secret-Community-5150";
        const QByteArray authPass = "cli-Auth-Passphrase-77";
        const QString passFile = dir.filePath(QStringLiteral("auth.pass"));
        {
            QFile f(passFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(authPass + "\n");
        }
        auto r = daemon.ctl({QStringLiteral("discovery"),
                             QStringLiteral("add"),
                             QStringLiteral("Floor 2"),
                             QStringLiteral("--target"),
                             QStringLiteral("192.0.2.0/24"),
                             QStringLiteral("--target"),
                             QStringLiteral("printer-7.example.com"),
                             QStringLiteral("--exclude"),
                             QStringLiteral("192.0.2.200-192.0.2.254"),
                             QStringLiteral("--community"),
                             QString::fromLatin1(community),
                             QStringLiteral("--v3-user"),
                             QStringLiteral("ops"),
                             QStringLiteral("--auth-proto"),
                             QStringLiteral("SHA256"),
                             QStringLiteral("--auth-pass-file"),
                             passFile,
                             QStringLiteral("--wsd"),
                             QStringLiteral("--schedule"),
                             QStringLiteral("07:00,19:00"),
                             QStringLiteral("--managed")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("discovery setting 1 added"));

        // Refused: reversed range; the message says why, nothing is stored.
        r = daemon.ctl({QStringLiteral("discovery"), QStringLiteral("add"), QStringLiteral("Bad"),
                        QStringLiteral("--target"), QStringLiteral("192.0.2.9-192.0.2.1"),
                        QStringLiteral("--community"), QStringLiteral("x")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("range '192.0.2.9-192.0.2.1' is reversed"), r.err.constData());
        // Refused: empty credential list.
        r = daemon.ctl({QStringLiteral("discovery"), QStringLiteral("add"), QStringLiteral("Bad"),
                        QStringLiteral("--target"), QStringLiteral("192.0.2.1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("empty credential list"), r.err.constData());
        // Refused: over /16.
        r = daemon.ctl({QStringLiteral("discovery"), QStringLiteral("add"), QStringLiteral("Bad"),
                        QStringLiteral("--target"), QStringLiteral("10.0.0.0/8"), QStringLiteral("--community"),
                        QStringLiteral("x")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("at most 65,536 (a /16)"), r.err.constData());

        r = daemon.ctl({QStringLiteral("discovery"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray all = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("settings")).toArray();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Floor 2"));

        r = daemon.ctl({QStringLiteral("discovery"), QStringLiteral("show"), QStringLiteral("Floor 2")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("192.0.2.0/24, printer-7.example.com"));
        QVERIFY(r.out.contains("v3 user 'ops' auth SHA256 priv none"));
        QVERIFY(r.out.contains("07:00,19:00"));
        QVERIFY2(r.out.contains("addresses:     257"), r.out.constData());
        r = daemon.ctl(
            {QStringLiteral("discovery"), QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("wsDiscovery")).toBool(), true);
        QVERIFY(!r.out.contains(community));
        QVERIFY(!r.out.contains(authPass));

        r = daemon.ctl({QStringLiteral("discovery"), QStringLiteral("delete"), QStringLiteral("Floor 2")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = daemon.ctl({QStringLiteral("discovery"), QStringLiteral("show"), QStringLiteral("Floor 2")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no discovery setting named 'Floor 2'"));

        // Neither secret ever reached the log.
        daemon.signal(SIGTERM);
        QVERIFY(daemon.waitForExit(15000));
        const QByteArray log =
            test::TempDataDir::readAll(dir.filePath(QStringLiteral("netgatewayd.log"))) + daemon.standardError();
        QVERIFY(!log.contains(community));
        QVERIFY(!log.contains(authPass));
        // The change is in the audit log, without the secrets.
        auto db = storage::Database::open(core::GatewayService::databasePath(dir.path()));
        storage::Statement audit(*db, "SELECT actor || ' ' || action || ' ' || target || ' ' || result "
                                      "FROM audit_log WHERE action = 'create discovery setting'");
        QVERIFY(audit.step());
        const QByteArray entry = audit.text(0).toUtf8();
        QVERIFY2(entry.startsWith("system create discovery setting Floor 2"), entry.constData());
        QVERIFY(entry.endsWith("success"));
        QVERIFY(!entry.contains(community));
        QVERIFY(!entry.contains(authPass));
    }

    // Device recovery settings: shown, changed, refused out of bounds, audited.
    void recoverySettings()
    {
        test::TempDataDir dir;
        DaemonProcess daemon(dir.path());
        QVERIFY2(daemon.start(), daemon.standardError().constData());
        auto r = daemon.ctl({QStringLiteral("discovery"), QStringLiteral("recovery"), QStringLiteral("--missed-polls"),
                             QStringLiteral("5"), QStringLiteral("--on")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("device recovery on after 5 missed polls"), r.out.constData());
        r = daemon.ctl({QStringLiteral("discovery"), QStringLiteral("recovery"), QStringLiteral("--missed-polls"),
                        QStringLiteral("0")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("1") && r.err.contains("100"), r.err.constData());
        r = daemon.ctl({QStringLiteral("discovery"), QStringLiteral("recovery"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("missedPolls")).toInt(), 5);
        daemon.signal(SIGTERM);
        QVERIFY(daemon.waitForExit(15000));
        auto db = storage::Database::open(core::GatewayService::databasePath(dir.path()));
        QCOMPARE(db->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'configure device recovery settings'")
                     ->toLongLong(),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestDiscoveryCli)
#include "TestDiscoveryCli.moc"
