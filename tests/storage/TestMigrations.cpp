#include <netgateway/storage/Database.h>
#include <netgateway/storage/Migrations.h>

#include "TempDataDir.h"

#include <QTest>

#include <algorithm>

using namespace netgateway::storage;
using netgateway::test::TempDataDir;

class TestMigrations : public QObject {
    Q_OBJECT
private slots:
    void migrationsAreContiguous()
    {
        const auto &all = Migrations::all();
        QVERIFY(all.size() >= 3);
        for (int i = 0; i < all.size(); ++i) {
            QVERIFY(all.at(i).version > (i == 0 ? 0 : all.at(i - 1).version));
            QVERIFY(!all.at(i).sql.trimmed().isEmpty());
        }
        QCOMPARE(Migrations::latestVersion(), all.constLast().version);
    }

    void emptyDatabaseReachesLatest()
    {
        TempDataDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db")));
        QCOMPARE(db->userVersion(), 0);
        QCOMPARE(Migrations::apply(*db), int(Migrations::all().size()));
        QCOMPARE(db->userVersion(), Migrations::latestVersion());
        QVERIFY(db->integrityCheck().isEmpty());
        // A second start applies nothing.
        QCOMPARE(Migrations::apply(*db), 0);
        QCOMPARE(db->scalar("SELECT count(*) FROM devices")->toInt(), 0);
    }

    void everyEarlierVersionUpgrades_data()
    {
        QTest::addColumn<int>("from");
        for (const auto &m : Migrations::all()) {
            if (m.version < Migrations::latestVersion()) {
                QTest::addRow("from-v%d", m.version) << m.version;
            }
        }
    }

    void everyEarlierVersionUpgrades()
    {
        QFETCH(int, from);
        TempDataDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db")));
        const auto upTo = [](int version) {
            return int(std::count_if(Migrations::all().cbegin(), Migrations::all().cend(),
                                     [version](const auto &m) { return m.version <= version; }));
        };
        QCOMPARE(Migrations::apply(*db, from), upTo(from));
        QCOMPARE(db->userVersion(), from);
        // Data written at the old version survives the upgrade.
        db->exec("INSERT INTO devices(serial_number, address, first_seen, last_seen) "
                 "VALUES('SN-1', '127.0.0.1', 1, 2)");
        QCOMPARE(Migrations::apply(*db), int(Migrations::all().size()) - upTo(from));
        QCOMPARE(db->userVersion(), Migrations::latestVersion());
        QCOMPARE(db->scalar("SELECT serial_number FROM devices")->toString(), QStringLiteral("SN-1"));
        QVERIFY(db->integrityCheck().isEmpty());
    }

    void newerDatabaseIsRefused()
    {
        TempDataDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db")));
        Migrations::apply(*db);
        db->setUserVersion(Migrations::latestVersion() + 1);
        try {
            Migrations::apply(*db);
            QFAIL("a newer database was accepted");
        } catch (const StorageError &e) {
            QCOMPARE(e.kind(), StorageError::Kind::TooNew);
            QVERIFY2(e.message().contains(QStringLiteral("newer release")), qPrintable(e.message()));
        }
        QCOMPARE(db->userVersion(), Migrations::latestVersion() + 1);
    }

    void failedMigrationChangesNothing()
    {
        TempDataDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db")));
        QCOMPARE(Migrations::apply(*db, 1), 1);
        // A table in the way makes migration 2 fail half-way through the batch.
        db->exec("CREATE TABLE secrets(x INTEGER)");
        try {
            Migrations::apply(*db);
            QFAIL("the migration should have failed");
        } catch (const StorageError &e) {
            QCOMPARE(e.kind(), StorageError::Kind::Migration);
            QVERIFY2(e.message().contains(QStringLiteral("nothing was changed")), qPrintable(e.message()));
        }
        QCOMPARE(db->userVersion(), 1);
        QCOMPARE(db->scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'service_events'")->toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
