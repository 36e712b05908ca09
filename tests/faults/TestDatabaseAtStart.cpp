// The database is locked by another process or damaged when netgatewayd
// starts: the daemon must refuse to start with its documented exit code and a
// message that says what to do, and must leave the file exactly as it was (no
// silent reset to an empty database).
#include "DaemonProcess.h"
#include "TempDataDir.h"

#include <netgateway/core/ExitCode.h>
#include <netgateway/core/GatewayService.h>

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace netgateway;
using namespace netgateway::test;
using core::ExitCode;

namespace {

QByteArray fileHash(const QString &path)
{
    return QCryptographicHash::hash(TempDataDir::readAll(path), QCryptographicHash::Sha256);
}

// A data directory with a real database the daemon created and closed.
bool prepare(const TempDataDir &dir)
{
    DaemonProcess daemon(dir.path());
    if (!daemon.start()) {
        return false;
    }
    daemon.signal(SIGTERM);
    return daemon.waitForExit(15000) && daemon.exitCode() == 0;
}

} // namespace

class TestDatabaseAtStart : public QObject {
    Q_OBJECT
private slots:
    void lockedByAnotherProcessIsRefusedAndUntouched()
    {
        TempDataDir dir;
        QVERIFY(prepare(dir));
        const QString path = core::GatewayService::databasePath(dir.path());
        const QByteArray before = fileHash(path);

        // Another program (here the sqlite3 shell) holds an exclusive lock
        // that even readers cannot pass.
        QProcess holder;
        holder.start(QStringLiteral("sqlite3"), {QStringLiteral("-batch"), path});
        QVERIFY(holder.waitForStarted());
        holder.write("PRAGMA locking_mode = EXCLUSIVE;\nBEGIN EXCLUSIVE;\nSELECT 'held';\n");
        QVERIFY(QTest::qWaitFor(
            [&] {
                while (holder.canReadLine()) {
                    if (holder.readLine().trimmed() == "held") {
                        return true;
                    }
                }
                return false;
            },
            10000));

        DaemonProcess daemon(dir.path());
        QVERIFY(!daemon.start({}, 30000));
        QVERIFY(daemon.waitForExit(30000));
        QCOMPARE(daemon.exitCode(), core::toInt(ExitCode::DataDirectoryUnusable));
        const QByteArray err = daemon.standardError();
        QVERIFY2(err.contains("another process holds the database locked"), err.constData());

        holder.write("ROLLBACK;\n.quit\n");
        holder.closeWriteChannel();
        QVERIFY(holder.waitForFinished(10000));
        QCOMPARE(fileHash(path), before);

        // Once the other process is gone the same data starts normally.
        DaemonProcess again(dir.path());
        QVERIFY2(again.start(), again.standardError().constData());
        again.signal(SIGTERM);
        QVERIFY(again.waitForExit(15000));
    }

    void damagedDatabaseIsRefusedAndUntouched_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("header overwritten") << QStringLiteral("header");
        QTest::newRow("page overwritten") << QStringLiteral("page");
        QTest::newRow("truncated") << QStringLiteral("truncate");
    }

    void damagedDatabaseIsRefusedAndUntouched()
    {
        QFETCH(QString, damage);
        TempDataDir dir;
        QVERIFY(prepare(dir));
        const QString path = core::GatewayService::databasePath(dir.path());
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) || QFileInfo(path + QStringLiteral("-wal")).size() == 0);
        QByteArray bytes = TempDataDir::readAll(path);
        QVERIFY(bytes.size() >= 4 * 4096);
        if (damage == QLatin1String("header")) {
            bytes.replace(0, 100, QByteArray(100, 'Q'));
        } else if (damage == QLatin1String("page")) {
            // The second page holds the schema's first table b-tree.
            bytes.replace(4096, 4096, QByteArray(4096, '\xA5'));
        } else {
            bytes.truncate(bytes.size() / 2);
        }
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(bytes);
        }
        const QByteArray before = fileHash(path);

        DaemonProcess daemon(dir.path());
        QVERIFY(!daemon.start());
        QVERIFY(daemon.waitForExit(15000));
        QCOMPARE(daemon.exitCode(), core::toInt(ExitCode::DatabaseDamaged));
        const QByteArray err = daemon.standardError();
        QVERIFY2(err.contains("netgatewayctl restore"), err.constData());
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("netgatewayd.lock"))));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseAtStart)
#include "TestDatabaseAtStart.moc"
