#include <netgateway/storage/Database.h>
#include <netgateway/storage/Maintenance.h>
#include <netgateway/storage/Migrations.h>

#include "TempDataDir.h"

#include <QFile>
#include <QTest>

using namespace netgateway::storage;
using netgateway::test::TempDataDir;

class TestMaintenance : public QObject {
    Q_OBJECT
private:
    static void addDevice(Database &db, const QString &serial)
    {
        Statement st(
            db, "INSERT INTO devices(serial_number, address, first_seen, last_seen) VALUES(?1, '127.0.0.1', 1, 1)");
        st.bind(1, serial);
        st.run();
    }

private slots:
    void backupWhileOpenThenRestore()
    {
        TempDataDir dir;
        const QString live = dir.filePath(QStringLiteral("netgateway.db"));
        const QString backup = dir.filePath(QStringLiteral("backup.db"));
        {
            auto db = Database::open(live);
            Migrations::apply(*db);
            addDevice(*db, QStringLiteral("A"));
            // The live connection stays open, with data in the WAL, during the backup.
            const BackupInfo info = backupDatabase(live, backup);
            QCOMPARE(info.schemaVersion, Migrations::latestVersion());
            QVERIFY(info.bytes > 0);
            QVERIFY(!QFile::exists(backup + QStringLiteral("-wal")));
            addDevice(*db, QStringLiteral("B"));
        }
        restoreDatabase(backup, live);
        auto db = Database::open(live);
        QCOMPARE(db->scalar("SELECT group_concat(serial_number) FROM devices")->toString(), QStringLiteral("A"));
        QVERIFY(QFile::exists(live + QStringLiteral(".before-restore")));
    }

    void backupRefusesToOverwrite()
    {
        TempDataDir dir;
        const QString live = dir.filePath(QStringLiteral("netgateway.db"));
        const QString backup = dir.filePath(QStringLiteral("exists.db"));
        Migrations::apply(*Database::open(live));
        QFile f(backup);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep me");
        f.close();
        QVERIFY_THROWS_EXCEPTION(StorageError, backupDatabase(live, backup));
        QCOMPARE(TempDataDir::readAll(backup), QByteArray("keep me"));
    }

    void restoreRefusesDamagedOrNewerBackupAndChangesNothing()
    {
        TempDataDir dir;
        const QString live = dir.filePath(QStringLiteral("netgateway.db"));
        {
            auto db = Database::open(live);
            Migrations::apply(*db);
            addDevice(*db, QStringLiteral("LIVE"));
        }
        const QString junk = dir.filePath(QStringLiteral("junk.db"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'j'));
        f.close();
        QVERIFY_THROWS_EXCEPTION(StorageError, restoreDatabase(junk, live));

        const QString newer = dir.filePath(QStringLiteral("newer.db"));
        {
            Database::Options options;
            options.writeAheadLog = false;
            auto db = Database::open(newer, options);
            Migrations::apply(*db);
            db->setUserVersion(Migrations::latestVersion() + 5);
        }
        try {
            restoreDatabase(newer, live);
            QFAIL("a newer backup was restored");
        } catch (const StorageError &e) {
            QCOMPARE(e.kind(), StorageError::Kind::TooNew);
        }
        QVERIFY_THROWS_EXCEPTION(StorageError, restoreDatabase(dir.filePath(QStringLiteral("absent.db")), live));
        auto db = Database::open(live);
        QCOMPARE(db->scalar("SELECT serial_number FROM devices")->toString(), QStringLiteral("LIVE"));
    }
};

QTEST_GUILESS_MAIN(TestMaintenance)
#include "TestMaintenance.moc"
