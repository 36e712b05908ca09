#include <netgateway/storage/Database.h>

#include "TempDataDir.h"

#include <QFile>
#include <QTest>

using namespace netgateway::storage;
using netgateway::test::TempDataDir;

class TestDatabase : public QObject {
    Q_OBJECT
private slots:
    void opensWithWalForeignKeysAndBusyTimeout()
    {
        TempDataDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db")));
        QCOMPARE(db->scalar("PRAGMA journal_mode")->toString(), QStringLiteral("wal"));
        QCOMPARE(db->scalar("PRAGMA foreign_keys")->toString(), QStringLiteral("1"));
        QCOMPARE(db->scalar("PRAGMA synchronous")->toString(), QStringLiteral("1")); // NORMAL
        QCOMPARE(db->scalar("PRAGMA busy_timeout")->toString(), QStringLiteral("5000"));
    }

    void fullSynchronousOnRequest()
    {
        TempDataDir dir;
        Database::Options options;
        options.synchronous = Database::Synchronous::Full;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db")), options);
        QCOMPARE(db->scalar("PRAGMA synchronous")->toString(), QStringLiteral("2"));
    }

    void foreignKeysAreEnforced()
    {
        TempDataDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db")));
        db->exec("CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(p INTEGER REFERENCES p(id))");
        try {
            db->exec("INSERT INTO c(p) VALUES(42)");
            QFAIL("a dangling reference was accepted");
        } catch (const StorageError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("FOREIGN KEY")), qPrintable(e.message()));
        }
    }

    void transactionRollsBackUnlessCommitted()
    {
        TempDataDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db")));
        db->exec("CREATE TABLE t(v INTEGER)");
        {
            Transaction tx(*db);
            db->exec("INSERT INTO t VALUES(1)");
        }
        QCOMPARE(db->scalar("SELECT count(*) FROM t")->toInt(), 0);
        {
            Transaction tx(*db);
            db->exec("INSERT INTO t VALUES(1)");
            tx.commit();
        }
        QCOMPARE(db->scalar("SELECT count(*) FROM t")->toInt(), 1);
    }

    void nestedTransactionIsASavepoint()
    {
        TempDataDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db")));
        db->exec("CREATE TABLE t(v INTEGER)");
        {
            Transaction outer(*db);
            db->exec("INSERT INTO t VALUES(1)");
            {
                Transaction inner(*db);
                db->exec("INSERT INTO t VALUES(2)");
            } // rolled back alone
            {
                Transaction inner(*db);
                db->exec("INSERT INTO t VALUES(3)");
                inner.commit();
            }
            QCOMPARE(db->scalar("SELECT group_concat(v) FROM t")->toString(), QStringLiteral("1,3"));
        } // the outer rollback undoes everything
        QCOMPARE(db->scalar("SELECT count(*) FROM t")->toInt(), 0);
        {
            Transaction outer(*db);
            {
                Transaction inner(*db);
                db->exec("INSERT INTO t VALUES(4)");
                inner.commit();
            }
            outer.commit();
        }
        QCOMPARE(db->scalar("SELECT group_concat(v) FROM t")->toString(), QStringLiteral("4"));
    }

    void statementBindsAndReadsEveryType()
    {
        TempDataDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db")));
        db->exec("CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)");
        Statement insert(*db, "INSERT INTO t VALUES(?1, ?2, ?3, ?4, ?5)");
        const QByteArray blob("\x00\x01\xff", 3);
        insert.bind(1, std::int64_t{1} << 40).bind(2, 2.5).bind(3, QStringLiteral("Grüße")).bind(4, blob).bindNull(5);
        insert.run();
        Statement select(*db, "SELECT i, r, s, b, n FROM t");
        QVERIFY(select.step());
        QCOMPARE(select.int64(0), std::int64_t{1} << 40);
        QCOMPARE(select.real(1), 2.5);
        QCOMPARE(select.text(2), QStringLiteral("Grüße"));
        QCOMPARE(select.blob(3), blob);
        QVERIFY(select.isNull(4));
        QVERIFY(!select.step());
    }

    void notADatabaseIsReportedClearly()
    {
        TempDataDir dir;
        const QString path = dir.filePath(QStringLiteral("junk.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'J'));
        f.close();
        try {
            auto db = Database::open(path);
            QFAIL("a junk file opened as a database");
        } catch (const StorageError &e) {
            QCOMPARE(e.kind(), StorageError::Kind::Corrupt);
            QVERIFY2(e.message().contains(QStringLiteral("netgatewayctl restore")), qPrintable(e.message()));
        }
    }

    void integrityCheckFindsDamage()
    {
        TempDataDir dir;
        const QString path = dir.filePath(QStringLiteral("a.db"));
        {
            Database::Options options;
            options.writeAheadLog = false;
            auto db = Database::open(path, options);
            db->exec("CREATE TABLE t(v TEXT); CREATE INDEX tv ON t(v)");
            Transaction tx(*db);
            Statement insert(*db, "INSERT INTO t VALUES(?1)");
            for (int i = 0; i < 2000; ++i) {
                insert.bind(1, QStringLiteral("value-%1").arg(i));
                insert.run();
            }
            tx.commit();
            QVERIFY(db->integrityCheck().isEmpty());
        }
        // Overwrite the middle of the file, where index and table pages live.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        f.seek(size / 2);
        f.write(QByteArray(4096 * 3, '\x5a'));
        f.close();
        QStringList problems;
        try {
            auto db = Database::open(path);
            problems = db->integrityCheck();
        } catch (const StorageError &e) {
            problems << e.message();
        }
        QVERIFY(!problems.isEmpty());
    }

    void missingDirectoryGivesAdvice()
    {
        try {
            auto db = Database::open(QStringLiteral("/nonexistent-ng-dir/x/a.db"));
            QFAIL("opened a database in a missing directory");
        } catch (const StorageError &e) {
            QCOMPARE(e.kind(), StorageError::Kind::Open);
            QVERIFY2(e.message().contains(QStringLiteral("data directory")), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
