#include <netgateway/core/GatewayService.h>

#include <netgateway/storage/Database.h>
#include <netgateway/storage/Migrations.h>

#include "ManualClock.h"
#include "TempDataDir.h"

#include <QFile>
#include <QTest>

using namespace netgateway;
using namespace std::chrono_literals;
using core::ExitCode;

class TestGatewayService : public QObject {
    Q_OBJECT
private:
    static core::ServiceConfig configFor(const test::TempDataDir &dir)
    {
        core::ServiceConfig config;
        config.dataDirectory = dir.path();
        return config;
    }

private slots:
    void startsOnEmptyDirectoryAndReportsStatus()
    {
        test::TempDataDir dir;
        test::ManualClock clock;
        core::GatewayService service(configFor(dir), clock);
        QString error;
        QCOMPARE(service.start(error), ExitCode::Ok);
        clock.advance(90s);
        const QJsonObject status = service.status();
        QCOMPARE(status.value(QStringLiteral("uptimeSeconds")).toInteger(), 90);
        QCOMPARE(status.value(QStringLiteral("schemaVersion")).toInt(), storage::Migrations::latestVersion());
        QCOMPARE(status.value(QStringLiteral("deviceCount")).toInteger(), 0);
        QCOMPARE(status.value(QStringLiteral("dataDirectory")).toString(), dir.path());
        QCOMPARE(status.value(QStringLiteral("startedAt")).toString(), QStringLiteral("2026-01-01T00:00:00Z"));
        QVERIFY(QFile::exists(core::GatewayService::keyFilePath(dir.path())));
        service.stop();
        // A clean stop leaves one self-contained database file and records itself.
        QCOMPARE(QFileInfo(core::GatewayService::databasePath(dir.path()) + QStringLiteral("-wal")).size(), 0);
        auto db = storage::Database::open(core::GatewayService::databasePath(dir.path()));
        QCOMPARE(db->scalar("SELECT group_concat(event) FROM service_events")->toString(),
                 QStringLiteral("start,stop"));
    }

    void newerDatabaseGivesItsExitCode()
    {
        test::TempDataDir dir;
        {
            auto db = storage::Database::open(core::GatewayService::databasePath(dir.path()));
            storage::Migrations::apply(*db);
            db->setUserVersion(storage::Migrations::latestVersion() + 1);
        }
        test::ManualClock clock;
        core::GatewayService service(configFor(dir), clock);
        QString error;
        QCOMPARE(service.start(error), ExitCode::DatabaseTooNew);
        QVERIFY2(error.contains(QStringLiteral("newer release")), qPrintable(error));
    }

    void damagedDatabaseIsNeverReset()
    {
        test::TempDataDir dir;
        const QString path = core::GatewayService::databasePath(dir.path());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(16384, 'Z'));
        f.close();
        test::ManualClock clock;
        core::GatewayService service(configFor(dir), clock);
        QString error;
        QCOMPARE(service.start(error), ExitCode::DatabaseDamaged);
        QVERIFY2(error.contains(QStringLiteral("restore")), qPrintable(error));
        QCOMPARE(test::TempDataDir::readAll(path), QByteArray(16384, 'Z'));
    }
};

QTEST_GUILESS_MAIN(TestGatewayService)
#include "TestGatewayService.moc"
