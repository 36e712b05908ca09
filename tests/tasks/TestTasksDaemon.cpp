// netgatewayctl tasks against the real daemon: write credentials go into the
// vault (never echoed, audited) and the history is listed.
#include "DaemonProcess.h"
#include "TempDataDir.h"

#include <netgateway/core/GatewayService.h>
#include <netgateway/storage/Database.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace netgateway;
using namespace netgateway::test;

namespace {

CommandResult ctlWithInput(const QString &dataDir, const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.start(QStringLiteral(NETGATEWAYCTL_PATH), QStringList{QStringLiteral("--data-dir"), dataDir} + args);
    CommandResult r;
    if (!p.waitForStarted(10000)) {
        return r;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(15000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestTasksDaemon : public QObject {
    Q_OBJECT
private slots:
    void writeCredentialsAndHistoryThroughTheCli()
    {
        TempDataDir dir;
        DaemonProcess daemon(dir.path());
        QVERIFY2(daemon.start(), daemon.standardError().constData());

        const QByteArray secret = "rw-community-secret";
        CommandResult r = ctlWithInput(
            dir.path(), {QStringLiteral("tasks"), QStringLiteral("write-credentials"), QStringLiteral("default")},
            R"({"version":"v2c","community":")" + secret + R"("})");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!r.out.contains(secret));
        // A v3 user without authentication is refused with the rule named.
        r = ctlWithInput(dir.path(),
                         {QStringLiteral("tasks"), QStringLiteral("write-credentials"), QStringLiteral("default")},
                         R"({"version":"v3","user":"writer"})");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("authentication protocol"), r.err.constData());
        // An unknown device is refused.
        r = ctlWithInput(dir.path(),
                         {QStringLiteral("tasks"), QStringLiteral("write-credentials"), QStringLiteral("NOPE")},
                         R"({"version":"v2c","community":"x"})");
        QCOMPARE(r.exitCode, 1);

        r = daemon.ctl({QStringLiteral("tasks"), QStringLiteral("list")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject list = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(list.value(QStringLiteral("total")).toInt(), 0);
        QVERIFY(list.value(QStringLiteral("items")).isArray());

        daemon.signal(SIGTERM);
        QVERIFY(daemon.waitForExit(15000));
        auto db = storage::Database::open(core::GatewayService::databasePath(dir.path()));
        // Stored encrypted in the vault, not in plain text anywhere in the database.
        QCOMPARE(db->scalar("SELECT count(*) FROM secrets WHERE name = 'tasks.write.default'")->toInt(), 1);
        QCOMPARE(
            db->scalar("SELECT count(*) FROM audit_log WHERE action = 'configure device write credentials'")->toInt(),
            3);
        QFile file(core::GatewayService::databasePath(dir.path()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(secret));
    }
};

QTEST_GUILESS_MAIN(TestTasksDaemon)
#include "TestTasksDaemon.moc"
